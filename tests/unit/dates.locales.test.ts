import { describe, expect, it } from 'vitest';
import { parseMailDate } from '../../lib/domain/dates';

// Texts are made by the runtime's Intl in the runtime's time zone and read back as
// local time, so every expectation holds in any TZ.
const NOW = new Date(2026, 9, 10, 12, 0); // Sat 10 Oct 2026, 12:00 local

const LOCALES = ['en-US', 'en-GB', 'de', 'fr', 'es', 'it', 'pt-BR', 'nl', 'pl', 'ru', 'uk', 'tr', 'ja', 'zh-CN', 'zh-TW', 'ko', 'ar', 'hi'];

/** Dates with a year: 0:xx, 12:xx, 23:xx, the 1st, the 31st, 29 February. */
const DATES = [
  new Date(2026, 9, 6, 15, 42),
  new Date(2024, 1, 29, 0, 5),
  new Date(2025, 11, 31, 23, 59),
  new Date(2026, 0, 1, 12, 30),
  new Date(2025, 4, 31, 9, 7),
];
/** Before NOW within the year, so a text without the year still means them (29 Feb: 2024). */
const YEARLESS_DATES = [
  new Date(2026, 9, 6, 15, 42),
  new Date(2024, 1, 29, 0, 5),
  new Date(2025, 11, 31, 23, 59),
  new Date(2026, 0, 1, 12, 30),
  new Date(2026, 9, 10, 11, 59),
];
/** Times of NOW's day up to NOW (and a little after: clock skew). */
const TODAY_TIMES = [new Date(2026, 9, 10, 0, 5), new Date(2026, 9, 10, 9, 30), new Date(2026, 9, 10, 11, 59), new Date(2026, 9, 10, 12, 30)];

const numericTime = { hour: 'numeric', minute: '2-digit' } as const;

/** How the hosts lay dates out; `dates` are the instants each layout can stand for. */
const STYLES: ReadonlyArray<readonly [string, Intl.DateTimeFormatOptions, readonly Date[]]> = [
  ['Gmail title', { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', ...numericTime }, DATES],
  ['Gmail title, 12-hour', { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', ...numericTime, hour12: true }, DATES],
  ['Gmail title, 24-hour', { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', ...numericTime, hour12: false }, DATES],
  ['no weekday', { year: 'numeric', month: 'short', day: 'numeric', ...numericTime }, DATES],
  ['full', { dateStyle: 'full', timeStyle: 'short' }, DATES],
  ['long', { dateStyle: 'long', timeStyle: 'short' }, DATES],
  ['medium', { dateStyle: 'medium', timeStyle: 'short' }, DATES],
  ['short', { dateStyle: 'short', timeStyle: 'short' }, DATES],
  ['Outlook', { weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric', ...numericTime }, DATES],
  ['this year', { month: 'short', day: 'numeric', ...numericTime }, YEARLESS_DATES],
  ['this year, long month', { month: 'long', day: 'numeric', ...numericTime }, YEARLESS_DATES],
  ['today, 12-hour', { ...numericTime, hour12: true }, TODAY_TIMES],
  ['today, 24-hour', { ...numericTime, hour12: false }, TODAY_TIMES],
];

const CASES = LOCALES.flatMap((locale) => STYLES.map(([style, options, dates]) => [locale, style, options, dates] as const));

function readBack(locale: string, options: Intl.DateTimeFormatOptions, dates: readonly Date[]): void {
  const format = new Intl.DateTimeFormat(locale, options);
  for (const date of dates) {
    const text = format.format(date);
    expect(parseMailDate(text, NOW, locale), `${locale} ${JSON.stringify(text)}`).toEqual({ at: date.getTime(), exact: true });
  }
}

describe('parseMailDate reads dates as each language shows them', () => {
  it.each(CASES)('%s, %s', (locale, _style, options, dates) => {
    readBack(locale, options, dates);
  });
});

describe('parseMailDate: other digits and other languages', () => {
  it.each([
    // Arabic-Indic, Devanagari and Bengali digits.
    ['ar-EG'],
    ['hi-u-nu-deva'],
    ['bn'],
    // 15.42 (da), 15 h 42 (fr-CA), month and weekday names with numbers (vi "thg 10").
    ['da'],
    ['fr-CA'],
    ['vi'],
    ['bg'],
    // Particles written onto words: he "באוק׳", te "PMకి"; eu endings ("urriaren").
    ['he'],
    ['te'],
    ['eu'],
    // "am" is Welsh for "at", before the time; its AM comes after it.
    ['cy'],
    // CLDR's layouts disagree on the numeric order within the language.
    ['kn'],
    ['zu'],
    ['th'],
  ])('%s', (locale) => {
    for (const [, options, dates] of STYLES) readBack(locale, options, dates);
  });

  it('reads Thai Buddhist-era years', () => {
    const format = new Intl.DateTimeFormat('th', { year: 'numeric', month: 'short', day: 'numeric', ...numericTime });
    expect(format.format(DATES[0])).toMatch(/2569/);
    expect(parseMailDate(format.format(DATES[0]), NOW, 'th')).toEqual({ at: DATES[0]!.getTime(), exact: true });
    expect(parseMailDate('6/10/69 15:42', NOW, 'th')).toEqual({ at: DATES[0]!.getTime(), exact: true });
  });
});

describe('parseMailDate: real page texts', () => {
  it.each([
    ['2016年5月4日 上午10:08', 'zh-CN', new Date(2016, 4, 4, 10, 8)],
    ['2016年5月4日 下午10:08', 'zh-CN', new Date(2016, 4, 4, 22, 8)],
    ['2016年5月4日星期三 下午2:08', 'zh-CN', new Date(2016, 4, 4, 14, 8)],
    ['26 дек. 2019 г., 22:53', 'ru', new Date(2019, 11, 26, 22, 53)],
    ['чт, 26 дек. 2019 г., 22:53', 'ru', new Date(2019, 11, 26, 22, 53)],
    ['26 декабря 2019 г. в 22:53', 'ru', new Date(2019, 11, 26, 22, 53)],
    ['2019年12月26日(木) 22:53', 'ja', new Date(2019, 11, 26, 22, 53)],
    ['2019年12月26日 午後10:53', 'ja', new Date(2019, 11, 26, 22, 53)],
    ['2019년 12월 26일 (목) 오후 10:53', 'ko', new Date(2019, 11, 26, 22, 53)],
    ['٢٦ ديسمبر ٢٠١٩ ١٠:٥٣ م', 'ar', new Date(2019, 11, 26, 22, 53)],
    ['الخميس، ٢٦ ديسمبر ٢٠١٩، ١٠:٥٣ م', 'ar', new Date(2019, 11, 26, 22, 53)],
    ['२६ दिस॰ २०१९, अपराह्न १०:५३', 'hi', new Date(2019, 11, 26, 22, 53)],
    ['26 दिस॰ 2019, 10:53 अपराह्न', 'hi', new Date(2019, 11, 26, 22, 53)],
    ['jeu. 26 déc. 2019, 22:53', 'fr', new Date(2019, 11, 26, 22, 53)],
    ['26 déc. 2019 à 22:53', 'fr', new Date(2019, 11, 26, 22, 53)],
    ['1er oct. 2026, 09:15', 'fr', new Date(2026, 9, 1, 9, 15)],
    ['jue, 26 dic 2019, 22:53', 'es', new Date(2019, 11, 26, 22, 53)],
    ['26 de dic. de 2019, 10:53 p. m.', 'es', new Date(2019, 11, 26, 22, 53)],
    ['qui., 26 de dez. de 2019, 22:53', 'pt-BR', new Date(2019, 11, 26, 22, 53)],
    ['czw., 26 gru 2019, 22:53', 'pl', new Date(2019, 11, 26, 22, 53)],
    ['26 грудня 2019 р. о 22:53', 'uk', new Date(2019, 11, 26, 22, 53)],
    ['26 Ara 2019 Per 22:53', 'tr', new Date(2019, 11, 26, 22, 53)],
    ['Do., 26. Dez. 2019, 22:53', 'de', new Date(2019, 11, 26, 22, 53)],
    ['Thu, 26 Dec 2019, 22:53', 'en-GB', new Date(2019, 11, 26, 22, 53)],
    ['\u200F26\u200F/12\u200F/2019 10:53 م', 'ar', new Date(2019, 11, 26, 22, 53)],
  ])('%j (%s)', (text, locale, expected) => {
    expect(parseMailDate(text, NOW, locale)).toEqual({ at: expected.getTime(), exact: true });
  });
});

describe('parseMailDate: days named rather than dated', () => {
  it.each([
    ['en-US', 'yesterday 3:42 PM', 'yesterday'],
    ['en-US', 'Yesterday at 15:42', 'yesterday'],
    ['en-US', 'today 9:15 AM', 'today'],
    ['de', 'gestern, 15:42', 'yesterday'],
    ['de', 'heute um 09:15', 'today'],
    ['fr', 'hier à 15:42', 'yesterday'],
    ['fr', 'aujourd’hui à 09:15', 'today'],
    ['es', 'ayer, 3:42 p. m.', 'yesterday'],
    ['ru', 'вчера, 15:42', 'yesterday'],
    ['ja', '昨日 15:42', 'yesterday'],
    ['zh-CN', '昨天 下午3:42', 'yesterday'],
    ['zh-CN', '昨天下午3:42', 'yesterday'],
    ['ko', '어제 오후 3:42', 'yesterday'],
    ['ar', 'أمس ٣:٤٢ م', 'yesterday'],
    ['tr', 'dün 15:42', 'yesterday'],
    ['hi', 'कल 3:42 pm', 'yesterday'],
    ['it', 'ieri alle ore 15:42', 'yesterday'],
  ])('%s %j', (locale, text, day) => {
    const expected = day === 'yesterday' ? new Date(2026, 9, 9, 15, 42) : new Date(2026, 9, 10, 9, 15);
    expect(parseMailDate(text, NOW, locale)).toEqual({ at: expected.getTime(), exact: true });
  });

  it('reads the day before yesterday where the language has a word for it', () => {
    expect(parseMailDate('vorgestern 15:42', NOW, 'de').at).toBe(new Date(2026, 9, 8, 15, 42).getTime());
    expect(parseMailDate('前天 15:42', NOW, 'zh-CN').at).toBe(new Date(2026, 9, 8, 15, 42).getTime());
  });

  it('reads a time later than now as yesterday (a page rendered before midnight)', () => {
    expect(parseMailDate('23:59', NOW, 'de')).toEqual({ at: new Date(2026, 9, 9, 23, 59).getTime(), exact: true });
    expect(parseMailDate('下午11:59', NOW, 'zh-CN')).toEqual({ at: new Date(2026, 9, 9, 23, 59).getTime(), exact: true });
    expect(parseMailDate('0:01', new Date(2026, 9, 10, 0, 2), 'de').at).toBe(new Date(2026, 9, 10, 0, 1).getTime());
  });

  it('reads a weekday and a time as the latest such day (Outlook, this week)', () => {
    // NOW is Saturday 10 October 2026.
    expect(parseMailDate('Mon 3:42 PM', NOW, 'en-US').at).toBe(new Date(2026, 9, 5, 15, 42).getTime());
    expect(parseMailDate('Sat 9:00 AM', NOW, 'en-US').at).toBe(new Date(2026, 9, 10, 9, 0).getTime());
    expect(parseMailDate('Sat 3:42 PM', NOW, 'en-US').at).toBe(new Date(2026, 9, 3, 15, 42).getTime());
    expect(parseMailDate('Mo. 15:42', NOW, 'de').at).toBe(new Date(2026, 9, 5, 15, 42).getTime());
  });
});

describe('parseMailDate: the language settles the numeric order', () => {
  it.each([
    ['en-US', '10/6/2026, 3:42 PM', new Date(2026, 9, 6, 15, 42)],
    ['en-US', '6/10/2026, 15:42', new Date(2026, 5, 10, 15, 42)],
    ['en-GB', '06/10/2026, 15:42', new Date(2026, 9, 6, 15, 42)],
    ['en-GB', '6/10/2026, 3:42 pm', new Date(2026, 9, 6, 15, 42)],
    ['fr', '06/10/2026 15:42', new Date(2026, 9, 6, 15, 42)],
    ['ja', '2026/10/06 15:42', new Date(2026, 9, 6, 15, 42)],
    ['ko', '26. 10. 6. 오후 3:42', new Date(2026, 9, 6, 15, 42)],
    // A reading the language's order cannot make falls back to the other.
    ['en-US', '26/10/2026, 15:42', new Date(2026, 9, 26, 15, 42)],
    ['en-GB', '10/26/2026, 3:42 pm', new Date(2026, 9, 26, 15, 42)],
  ])('%s %j', (locale, text, expected) => {
    expect(parseMailDate(text, NOW, locale)).toEqual({ at: expected.getTime(), exact: true });
  });

  it('keeps guessing from the weekday and the clock without a language', () => {
    expect(parseMailDate('Wed 6/10/2026 15:42', NOW).at).toBe(new Date(2026, 5, 10, 15, 42).getTime());
    expect(parseMailDate('6/10/2026 3:42 PM', NOW, null).at).toBe(new Date(2026, 5, 10, 15, 42).getTime());
    expect(parseMailDate('6/10/2026 15:42', NOW, null).at).toBe(new Date(2026, 9, 6, 15, 42).getTime());
  });
});

describe('parseMailDate: languages it was not told', () => {
  it.each([[null], [undefined], [''], ['not a locale!!'], ['xx-YY'], ['x'.repeat(500)]])('reads English and German with %j', (locale) => {
    expect(parseMailDate('Tue, Oct 6, 2026, 3:42 PM', NOW, locale)).toEqual({ at: new Date(2026, 9, 6, 15, 42).getTime(), exact: true });
    expect(parseMailDate('Di., 6. Okt. 2026, 15:42', NOW, locale).exact).toBe(true);
  });

  it('reads English whatever the page language', () => {
    for (const locale of LOCALES) {
      expect(parseMailDate('Tue, Oct 6, 2026, 3:42 PM', NOW, locale), locale).toEqual({ at: new Date(2026, 9, 6, 15, 42).getTime(), exact: true });
    }
  });

  it('leaves a language it was not told uncertain', () => {
    expect(parseMailDate('26 дек. 2019 г., 22:53', NOW, null)).toEqual({ at: NOW.getTime(), exact: false });
    expect(parseMailDate('26 дек. 2019 г., 22:53', NOW, 'de')).toEqual({ at: NOW.getTime(), exact: false });
  });
});

describe('parseMailDate: unreadable in any language', () => {
  it.each([
    ['ru', 'вчера'.repeat(60)],
    ['ru', 'какой-то текст'],
    ['zh-CN', '二〇一六年五月四日'],
    ['zh-CN', '2016年13月4日 上午10:08'],
    ['zh-CN', '2016年5月4日 上午13:08'],
    ['zh-CN', '上午 2016年5月4日'],
    ['ja', '午後'],
    ['ar', 'م ٢٦ ديسمبر ٢٠١٩'],
    ['es', 'mar mar mar 2026'],
    ['de', '6. Okt. 2026, 15:42 PM PM'],
    ['fr', '6 oct. 2026 15:42 +2500'],
    ['ko', '2026년 10월'],
  ])('%s %j', (locale, text) => {
    expect(parseMailDate(text, NOW, locale)).toEqual({ at: NOW.getTime(), exact: false });
  });

  it('never throws, whatever the text and language', () => {
    const texts = ['', ' ', '\u200F', '٫٬', '((((', '日日日日', '年月日', '上午上午', '1/1/1/1/1', '９：４２', '\uD800', 'Ǆ', '🙂 12:00'];
    for (const locale of [...LOCALES, null, '', 'zz', 'en-u-ca-islamic', 'th-u-nu-thai']) {
      for (const text of texts) expect(() => parseMailDate(text, NOW, locale)).not.toThrow();
    }
  });
});

describe('parseMailDate: speed', () => {
  it('reads a conversation of 50 messages in well under 5 ms once the language is known', () => {
    const texts = DATES.map((date) => new Intl.DateTimeFormat('zh-CN', STYLES[0]![1]).format(date));
    parseMailDate(texts[0]!, NOW, 'zh-CN');
    const started = performance.now();
    for (let i = 0; i < 50; i += 1) parseMailDate(texts[i % texts.length]!, NOW, 'zh-CN');
    expect(performance.now() - started).toBeLessThan(5);
  });
});
