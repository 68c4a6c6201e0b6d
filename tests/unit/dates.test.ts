import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeWhen, parseMailDate } from '../../lib/domain/dates';

// Expectations use local-time constructors, so these pass in any TZ.
const NOW = new Date(2026, 9, 10, 12, 0); // Sat 10 Oct 2026, 12:00 local
const OCT_6_1542 = new Date(2026, 9, 6, 15, 42).getTime();

function exactAt(text: string | null, now: Date = NOW): number {
  const result = parseMailDate(text, now);
  expect(result.exact, `exact for ${JSON.stringify(text)}`).toBe(true);
  return result.at;
}

function expectFallback(text: string | null, now: Date = NOW): void {
  expect(parseMailDate(text, now)).toEqual({ at: now.getTime(), exact: false });
}

describe('parseMailDate: Gmail English', () => {
  it.each([
    ['Mon, Oct 6, 2026, 3:42 PM'],
    ['Tue, Oct 6, 2026, 3:42 PM'],
    ['Mon, Oct 6, 2026, 3:42\u202FPM'],
    ['Mon,\u00A0Oct\u00A06,\u00A02026,\u00A03:42\u202FPM'],
    ['Oct 6, 2026, 3:42 PM'],
    ['Oct 6, 2026, 3:42 PM (4 days ago)'],
    ['Tue, Oct 6, 2026 at 3:42 PM'],
    ['Tuesday, October 6, 2026 3:42 PM'],
    ['  oct 6, 2026, 3:42 pm  '],
    ['Oct 6, 2026, 3:42 p.m.'],
    ['\u200EMon, Oct 6, 2026, 3:42 PM\u200E'],
  ])('%j', (text) => {
    expect(exactAt(text)).toBe(OCT_6_1542);
  });

  it('reads AM, noon and midnight', () => {
    expect(exactAt('Oct 6, 2026, 9:05 AM')).toBe(new Date(2026, 9, 6, 9, 5).getTime());
    expect(exactAt('Oct 6, 2026, 12:00 PM')).toBe(new Date(2026, 9, 6, 12, 0).getTime());
    expect(exactAt('Oct 6, 2026, 12:30 AM')).toBe(new Date(2026, 9, 6, 0, 30).getTime());
  });

  it('takes this year for a year-less date in the past', () => {
    expect(exactAt('Mon, Oct 6, 3:42 PM (4 days ago)')).toBe(OCT_6_1542);
    expect(exactAt('Oct 6, 3:42 PM')).toBe(OCT_6_1542);
  });

  it('takes last year for a year-less date that would be in the future', () => {
    expect(exactAt('Wed, Dec 31, 11:50 PM (10 months ago)')).toBe(new Date(2025, 11, 31, 23, 50).getTime());
    const newYear = new Date(2027, 0, 1, 0, 30);
    expect(exactAt('Dec 31, 11:50 PM', newYear)).toBe(new Date(2026, 11, 31, 23, 50).getTime());
  });

  it('keeps a year-less date a few minutes ahead (clock skew) in this year', () => {
    const now = new Date(2026, 9, 6, 15, 40);
    expect(exactAt('Oct 6, 3:42 PM', now)).toBe(OCT_6_1542);
  });

  it('finds the last leap year for a year-less 29 February', () => {
    expect(exactAt('Feb 29, 10:00 AM')).toBe(new Date(2024, 1, 29, 10, 0).getTime());
  });
});

describe('parseMailDate: Gmail German', () => {
  it.each([
    ['Mo., 6. Okt. 2026, 15:42'],
    ['Di., 6. Okt. 2026, 15:42 (vor 4 Tagen)'],
    ['6. Oktober 2026 um 15:42'],
    ['Dienstag, 6. Oktober 2026 um 15:42'],
    ['6. Okt. 2026, 15:42'],
    ['6. Okt. 2026, 15:42 Uhr'],
  ])('%j', (text) => {
    expect(exactAt(text)).toBe(OCT_6_1542);
  });

  it('reads German month names with umlauts and short forms', () => {
    expect(exactAt('3. März 2026, 08:15')).toBe(new Date(2026, 2, 3, 8, 15).getTime());
    expect(exactAt('3. Mär. 2026, 08:15')).toBe(new Date(2026, 2, 3, 8, 15).getTime());
    expect(exactAt('3. Ma\u0308rz 2026, 08:15')).toBe(new Date(2026, 2, 3, 8, 15).getTime());
    expect(exactAt('Mi., 9. Sept. 2026, 10:00')).toBe(new Date(2026, 8, 9, 10, 0).getTime());
    expect(exactAt('Fr., 1. Mai 2026, 10:00')).toBe(new Date(2026, 4, 1, 10, 0).getTime());
    expect(exactAt('24. Dez. 2025, 18:00')).toBe(new Date(2025, 11, 24, 18, 0).getTime());
  });

  it('reads a year-less German date', () => {
    expect(exactAt('Di., 6. Okt., 15:42')).toBe(OCT_6_1542);
  });
});

describe('parseMailDate: Outlook', () => {
  it.each([
    ['Mon 10/6/2026 3:42 PM'],
    ['Tue 10/6/2026 3:42 PM'],
    ['10/6/2026 3:42 PM'],
    ['Mon, 6 Oct 2026 15:42'],
    ['Tue 06/10/2026 15:42'],
    ['Mo 06.10.2026 15:42'],
    ['Di 6.10.2026 15:42'],
    ['06.10.26 15:42'],
    ['2026/10/06 15:42'],
  ])('%j', (text) => {
    expect(exactAt(text)).toBe(OCT_6_1542);
  });

  it('reads an RFC 2822 style date with an offset as that instant', () => {
    expect(exactAt('Tue, 6 Oct 2026 15:42:00 +0200')).toBe(Date.UTC(2026, 9, 6, 13, 42));
    expect(exactAt('Oct 6, 2026 15:42 UTC')).toBe(Date.UTC(2026, 9, 6, 15, 42));
    expect(exactAt('6 Oct 2026 15:42 GMT-05:00')).toBe(Date.UTC(2026, 9, 6, 20, 42));
  });

  it('settles day/month order by the day number when one exceeds 12', () => {
    expect(exactAt('Mon 10/26/2026 3:42 PM')).toBe(new Date(2026, 9, 26, 15, 42).getTime());
    expect(exactAt('Mon 26/10/2026 15:42')).toBe(new Date(2026, 9, 26, 15, 42).getTime());
  });

  it('settles an ambiguous day/month order by the weekday', () => {
    // 10 June 2026 is a Wednesday, 6 October 2026 a Tuesday.
    expect(exactAt('Wed 6/10/2026 15:42')).toBe(new Date(2026, 5, 10, 15, 42).getTime());
    expect(exactAt('Tue 10/6/2026 15:42')).toBe(OCT_6_1542);
    expect(exactAt('Tue 6/10/2026 3:42 PM')).toBe(OCT_6_1542);
  });

  it('falls back to US order with AM/PM and day-first with a 24-hour clock', () => {
    expect(exactAt('6/10/2026 3:42 PM')).toBe(new Date(2026, 5, 10, 15, 42).getTime());
    expect(exactAt('6/10/2026 15:42')).toBe(OCT_6_1542);
  });
});

describe('parseMailDate: ISO 8601', () => {
  it('reads UTC and offset instants', () => {
    expect(exactAt('2026-10-06T15:42:00Z')).toBe(Date.UTC(2026, 9, 6, 15, 42));
    expect(exactAt('2026-10-06T15:42:00.000+02:00')).toBe(Date.UTC(2026, 9, 6, 13, 42));
  });

  it('reads zone-less values as local time', () => {
    expect(exactAt('2026-10-06 15:42')).toBe(OCT_6_1542);
    expect(exactAt('2026-10-06T15:42')).toBe(OCT_6_1542);
    expect(exactAt('2026-10-06')).toBe(new Date(2026, 9, 6).getTime());
  });
});

describe('parseMailDate: dates without a time', () => {
  it('reads them as local midnight', () => {
    expect(exactAt('Oct 6, 2026')).toBe(new Date(2026, 9, 6).getTime());
    expect(exactAt('6. Oktober 2026')).toBe(new Date(2026, 9, 6).getTime());
    expect(exactAt('06.10.2026')).toBe(new Date(2026, 9, 6).getTime());
  });
});

describe('parseMailDate: days named rather than dated', () => {
  // Unreadable before: Gmail shows only the time for today's mail, Outlook says "Yesterday".
  it('reads a time alone as today, or yesterday when it is later than now', () => {
    expect(exactAt('9:42 AM')).toBe(new Date(2026, 9, 10, 9, 42).getTime());
    expect(exactAt('3:42 PM')).toBe(new Date(2026, 9, 9, 15, 42).getTime());
  });

  it('reads "yesterday" as the start of yesterday', () => {
    expect(exactAt('yesterday')).toBe(new Date(2026, 9, 9).getTime());
    expect(exactAt('Yesterday, 3:42 PM')).toBe(new Date(2026, 9, 9, 15, 42).getTime());
  });
});

describe('parseMailDate: hour 0 on a 12-hour clock', () => {
  it('reads 0 like 12 with either day period (hosts and browsers disagree on which clock a language uses)', () => {
    expect(exactAt('Oct 6, 2026, 0:42 AM')).toBe(new Date(2026, 9, 6, 0, 42).getTime());
    expect(exactAt('Oct 6, 2026, 12:42 AM')).toBe(new Date(2026, 9, 6, 0, 42).getTime());
    expect(parseMailDate('2026年10月5日 下午0:28', NOW, 'zh-CN')).toEqual({ at: new Date(2026, 9, 5, 12, 28).getTime(), exact: true });
    expect(parseMailDate('2026年10月5日 下午12:28', NOW, 'zh-CN')).toEqual({ at: new Date(2026, 9, 5, 12, 28).getTime(), exact: true });
  });
});

describe('parseMailDate: unreadable input', () => {
  it.each([
    [null],
    [''],
    ['   '],
    ['garbage'],
    ['Foo 6, 2026, 3:42 PM'],
    ['Oct 32, 2026, 3:42 PM'],
    ['Feb 30, 2026, 3:42 PM'],
    ['31.04.2026 10:00'],
    ['Oct 6, 2026, 13:42 PM'],
    ['Oct 6, 2026, 25:00'],
    ['Oct 6, 2026, 15:61'],
    ['13/13/2026 10:00'],
    ['2026-13-45'],
    ['2026-02-30T10:00:00Z'],
    ['<img src=x onerror=alert(1)>'],
    ['<b>Oct 6, 2026, 3:42 PM</b>'],
    ['Oct 6, 2026, 3:42 PM; DROP TABLE'],
    ['__proto__'],
    ['constructor'],
    ['Mon'],
    ['6. Okt. 2026, 15:42 15:42'],
  ])('%j falls back to now', (text) => {
    expectFallback(text);
  });

  it('rejects absurd years', () => {
    expectFallback('Oct 6, 1989, 3:42 PM');
    expectFallback('1970-01-01T00:00:00Z');
    expectFallback('Oct 6, 2028, 3:42 PM');
    expectFallback('2999-01-01');
    expect(exactAt('Jan 1, 1990, 12:00 AM')).toBe(new Date(1990, 0, 1).getTime());
    expect(exactAt('Oct 6, 2027, 3:42 PM')).toBe(new Date(2027, 9, 6, 15, 42).getTime());
  });

  it('reads two-digit years as 20xx (so 99 is absurd, not 1999)', () => {
    expect(exactAt('06.10.25 10:00')).toBe(new Date(2025, 9, 6, 10, 0).getTime());
    expectFallback('06.10.99 10:00');
  });

  it('survives very long and hostile strings quickly', () => {
    const long = 'Oct 6, 2026, 3:42 PM '.repeat(500);
    expectFallback(long);
    expectFallback('('.repeat(10_000));
    expectFallback('1'.repeat(10_000));
    expectFallback('a'.repeat(10_000));
    expectFallback(`${'('.repeat(100)}Oct${')'.repeat(100)}`);
    const started = performance.now();
    for (const text of ['1/'.repeat(140), ' '.repeat(299), 'oct '.repeat(70), '9:'.repeat(140)]) expectFallback(text);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('never throws on non-string input at runtime', () => {
    expectFallback(undefined as unknown as string);
    expectFallback(42 as unknown as string);
    expectFallback({} as unknown as string);
  });

  it('uses the system clock only through the now argument', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2030, 0, 1));
    try {
      expect(exactAt('Oct 6, 3:42 PM')).toBe(OCT_6_1542);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('describeWhen', () => {
  afterEach(() => vi.useRealTimers());
  const daysAgo = (days: number, hour = 9): number =>
    new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() - days, hour, 0).getTime();

  it('says today and yesterday by calendar day', () => {
    expect(describeWhen(daysAgo(0), NOW, 'en')).toBe('today');
    expect(describeWhen(daysAgo(1, 23), NOW, 'en')).toBe('yesterday');
    // 13 hours earlier but before midnight: yesterday.
    const lateYesterday = new Date(2026, 9, 9, 23, 0).getTime();
    expect(describeWhen(lateYesterday, new Date(2026, 9, 10, 0, 30), 'en')).toBe('yesterday');
  });

  it('counts days, then weeks', () => {
    expect(describeWhen(daysAgo(3), NOW, 'en')).toBe('3 days ago');
    expect(describeWhen(daysAgo(6), NOW, 'en')).toBe('6 days ago');
    expect(describeWhen(daysAgo(7), NOW, 'en')).toBe('last week');
    expect(describeWhen(daysAgo(14), NOW, 'en')).toBe('2 weeks ago');
    expect(describeWhen(daysAgo(20), NOW, 'en')).toBe('2 weeks ago');
    expect(describeWhen(daysAgo(59), NOW, 'en')).toBe('8 weeks ago');
  });

  it('shows a date from about two months back', () => {
    expect(describeWhen(new Date(2025, 2, 12, 10, 0).getTime(), NOW, 'en-GB')).toBe('12 Mar 2025');
    expect(describeWhen(daysAgo(60), NOW, 'en-GB')).toBe('11 Aug 2026');
    expect(describeWhen(new Date(2025, 2, 12).getTime(), NOW, 'en-US')).toBe('Mar 12, 2025');
  });

  it('is localised', () => {
    expect(describeWhen(daysAgo(0), NOW, 'de')).toBe('heute');
    expect(describeWhen(daysAgo(1), NOW, 'de')).toBe('gestern');
    expect(describeWhen(daysAgo(3), NOW, 'de')).toBe('vor 3 Tagen');
    expect(describeWhen(daysAgo(14), NOW, 'de')).toBe('vor 2 Wochen');
    expect(describeWhen(new Date(2025, 2, 12).getTime(), NOW, 'de-DE')).toBe('12. März 2025');
  });

  it('handles the future, bad locales and bad input without throwing', () => {
    expect(describeWhen(daysAgo(-1), NOW, 'en')).toBe('tomorrow');
    expect(describeWhen(daysAgo(3), NOW, 'not a locale!!')).toMatch(/3/);
    expect(describeWhen(daysAgo(3), NOW, '')).toMatch(/3/);
    expect(describeWhen(Number.NaN, NOW, 'en')).toBe('');
    expect(describeWhen(daysAgo(3), new Date(Number.NaN), 'en')).toBe('');
  });

  it('round-trips a parsed mail date', () => {
    const { at } = parseMailDate('Mon, Oct 6, 2026, 3:42 PM', NOW);
    expect(describeWhen(at, NOW, 'en')).toBe('4 days ago');
  });
});
