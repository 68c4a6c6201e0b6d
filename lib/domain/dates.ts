/**
 * Dates as mail pages show them, read into epoch milliseconds in the user's time zone
 * (the pages render local time), and described back for the sidebar.
 *
 * The page texts vary by host, language and layout ("Mon, Oct 6, 2026, 3:42 PM",
 * "Mo., 6. Okt. 2026, 15:42", "2016年5月4日 上午10:08", "26 дек. 2019 г., 22:53",
 * "Mon 10/6/2026 3:42 PM", a bare "15:42" for today's mail ...). A list of exact
 * formats per language would never be complete, so the text is cut into tokens (a
 * time, a numeric date, numbers, 年/月/日 numbers, words) and each word is looked up
 * in one table of what words mean in the page's language: months (genitive and
 * standalone, every width), weekdays, AM/PM and other day periods, "today" and
 * "yesterday", and the small words dates are glued with ("de", "à", "г.", "um").
 *
 * The tables are learnt from the runtime's `Intl` (CLDR) by formatting known dates,
 * so every language the browser knows is read without word lists of our own; a few
 * spellings pages use that the runtime's CLDR may lack (older CLDR, Gmail's own)
 * are added by hand. English is always in the table, and German too when the page's
 * language is unknown (what this read before it knew the language). The numeric
 * orders (10/6 vs 6/10 vs 2026/10/6), the time separator and whether the 12-hour
 * clock starts at 0 are learnt the same way. Learning a language costs a few
 * milliseconds of `Intl` calls, and every message of every conversation is read, so
 * the tables are kept per language; a cached read takes microseconds.
 *
 * The weekday is decoration (it can even be wrong): it only settles a numeric date
 * whose order nothing else settles, or stands for the day when it is all there is
 * ("Mon 3:42 PM"). Unknown words and stray symbols make the whole text unreadable
 * rather than being skipped: a half-read date would be recorded as exact.
 * Pure functions: every "now" is a parameter.
 */
import { addYears, differenceInCalendarDays, isValid, parseISO } from 'date-fns';

export interface MailDate {
  /** Epoch milliseconds. */
  at: number;
  /** False when the text could not be read and `at` is `now`. */
  exact: boolean;
}

/** Date texts on the pages are short; anything much longer is not a date. */
const MAX_TEXT = 300;
const MIN_YEAR = 1990;
const DAY_MS = 86_400_000;
/** A year-less date up to this far ahead of now is clock skew, not last year. */
const FUTURE_SLACK_MS = DAY_MS;
/**
 * A time shown alone is today's, unless it is this far ahead of now: then the page
 * was rendered before midnight and still shows yesterday's mail by its time.
 */
const TIME_ONLY_SLACK_MS = 3_600_000;
/** Page languages are few; a page that keeps changing `lang` must not grow memory. */
const MAX_CACHED_LOCALES = 32;
/** Unknown words up to this long are split into known ones (Thai and CJK write no spaces). */
const MAX_SEGMENTED_WORD = 24;

/** What a word on the page can stand for. A word may be both a month and a weekday (es "mar"). */
interface WordMeaning {
  month?: number;
  /** 0 = Sunday. */
  weekday?: number;
  /** A day period: true after noon (PM, 下午, م), false before. */
  pm?: boolean;
  /** Days from today: 0 "today", -1 "yesterday", -2 "the day before yesterday". */
  days?: number;
  /** "UTC", "GMT": the time is in UTC unless an offset follows. */
  zone?: true;
  /** A word that only glues a date together ("de", "à", "um", "г."). */
  filler?: true;
}

type YearLastOrder = 'DMY' | 'MDY';

/** Numeric orders by the shape of the text: CLDR's layouts of one language disagree (kn, zu, sv). */
interface NumericOrders {
  /** "6/10/2026" without a weekday. */
  plain: YearLastOrder | null;
  /** "Tue, 6/10/2026": the layout with a weekday. */
  weekday: YearLastOrder | null;
  /** "6/10/26": the short layout, the one with two-digit years (ko "26. 10. 6." is YMD). */
  short: YearLastOrder | 'YMD' | null;
  /** "6.10." / "10/6" without a year. */
  dayMonth: 'DM' | 'MD' | null;
}

interface LocaleTables {
  words: Map<string, WordMeaning>;
  /** The language's numeric orders; null (unknown language) keeps the old guesswork. */
  orders: NumericOrders | null;
  /** Its default calendar counts Buddhist years (th): 2569 is 2026. */
  buddhist: boolean;
  scanner: RegExp;
}

const FORMAT_CHARACTERS = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** A word's key: what survives of it as letters, so "Okt." = "okt", "p. m." = "pm", "aujourd’hui" = "aujourdhui". */
function keyOf(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{M}]/gu, '');
}

/**
 * The key of a name made of a word and a number (vi "thg 10", "Thứ 3"): the word's
 * key, "#", the number. Names that end in a unit instead (ja "10月") are read as
 * numbers with a unit and get no key.
 */
function numberedKeyOf(name: string): string | null {
  const m = /^([^\d]*?)\s*(\d{1,2})\.?$/u.exec(asciiDigits(name.normalize('NFKC')));
  if (m === null) return null;
  const word = keyOf(m[1]!);
  return word.length > 0 ? `${word}#${Number(m[2])}` : null;
}

/**
 * Adds meanings to a word's. What a word already means wins (the page's language is
 * added before English), and a word that glues the page's dates together does not
 * become a day period of another language's (cy "am 15:42" is "at 15:42").
 */
function merge(entry: WordMeaning, meaning: WordMeaning): void {
  entry.month ??= meaning.month;
  entry.weekday ??= meaning.weekday;
  if (!entry.filler) entry.pm ??= meaning.pm;
  entry.days ??= meaning.days;
  if (meaning.zone) entry.zone = true;
  if (meaning.filler) entry.filler = true;
}

function addWord(words: Map<string, WordMeaning>, name: string, meaning: WordMeaning): void {
  const key = /\p{Nd}/u.test(name) ? numberedKeyOf(name) : keyOf(name);
  if (key === null || key.length === 0) return;
  const entry = words.get(key);
  if (entry === undefined) words.set(key, { ...meaning });
  else merge(entry, meaning);
}

type PartsOptions = Intl.DateTimeFormatOptions;

/** A formatter for learning: Gregorian whatever the language's default calendar, in UTC. */
function formatter(locale: string, options: PartsOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { calendar: 'gregory', timeZone: 'UTC', ...options });
}

function partValue(parts: readonly Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string | undefined {
  return parts.find((p) => p.type === type)?.value;
}

type Width = 'long' | 'short' | 'narrow';

/**
 * Names of one kind in every width and in both grammatical contexts: alone (ru
 * "октябрь") and inside a date (ru "октября", pl "października").
 */
function namesOf(locale: string, kind: 'month' | 'weekday'): Map<Width, string[][]> {
  const count = kind === 'month' ? 12 : 7;
  // Mid-month dates; 7 January 2024 was a Sunday.
  const dateOf = (i: number): number => (kind === 'month' ? Date.UTC(2024, i, 15) : Date.UTC(2024, 0, 7 + i));
  const contexts: Array<(width: Width) => PartsOptions> =
    kind === 'month'
      ? [(w) => ({ month: w }), (w) => ({ day: 'numeric', month: w }), (w) => ({ year: 'numeric', month: w, day: 'numeric' })]
      : [(w) => ({ weekday: w }), (w) => ({ weekday: w, year: 'numeric', month: 'long', day: 'numeric' })];
  const result = new Map<Width, string[][]>();
  for (const width of ['long', 'short', 'narrow'] as const) {
    const names: Array<Set<string>> = Array.from({ length: count }, () => new Set<string>());
    const layouts = contexts.map((context) => context(width));
    // The full layouts may inflect further (eu "urriaren", not "urriak").
    if (width === 'long') layouts.push({ dateStyle: 'full' }, { dateStyle: 'long' });
    for (const options of layouts) {
      const format = formatter(locale, options);
      for (let i = 0; i < count; i += 1) {
        const parts = format.formatToParts(dateOf(i));
        const at = parts.findIndex((p) => p.type === kind);
        if (at < 0) continue;
        names[i]!.add(parts[at]!.value);
        // An ending written onto the name (eu "urria" + "ren ") is part of the word on the page.
        const ending = parts[at + 1]?.type === 'literal' ? /^[\p{L}\p{M}]+/u.exec(parts[at + 1]!.value) : null;
        if (ending !== null) names[i]!.add(parts[at]!.value + ending[0]);
      }
    }
    result.set(width, names.map((set) => [...set]));
  }
  return result;
}

/** Narrow names are kept only when they cannot be confused: en "O", ar "م" (also PM) are not. */
function addNames(words: Map<string, WordMeaning>, kind: 'month' | 'weekday', names: Map<Width, string[][]>): void {
  const meaning = (i: number): WordMeaning => (kind === 'month' ? { month: i } : { weekday: i });
  for (const width of ['long', 'short'] as const) {
    names.get(width)!.forEach((list, i) => list.forEach((name) => addWord(words, name, meaning(i))));
  }
  const narrow = names.get('narrow')!;
  const keys = narrow.map((list) => list.map(keyOf));
  narrow.forEach((list, i) => {
    for (const name of list) {
      const key = keyOf(name);
      const clash = keys.some((other, j) => j !== i && other.includes(key));
      if (key.length >= 2 && !clash && !words.has(key)) addWord(words, name, meaning(i));
    }
  });
}

/**
 * Prefixes of month names that only one month starts with: pages abbreviate
 * differently from CLDR (Gmail's "Sept.", older CLDR's "juil." vs "juill.").
 */
function monthPrefixes(months: Map<Width, string[][]>): Map<string, number> {
  const prefixes = new Map<string, number>();
  months.get('long')!.forEach((list, month) => {
    for (const name of list) {
      if (/\p{Nd}/u.test(name)) continue;
      const key = keyOf(name);
      for (let length = 3; length < key.length; length += 1) {
        const prefix = key.slice(0, length);
        const seen = prefixes.get(prefix);
        prefixes.set(prefix, seen === undefined || seen === month ? month : -1);
      }
    }
  });
  for (const [prefix, month] of prefixes) if (month < 0) prefixes.delete(prefix);
  return prefixes;
}

/**
 * AM/PM words, and the flexible day periods ("in the afternoon", 晚上, 오후) that
 * name only morning or only afternoon hours: a period spanning midnight ("at night")
 * says nothing about the hour.
 */
function addDayPeriods(words: Map<string, WordMeaning>, locale: string): void {
  const halves = new Map<string, { name: string; am: boolean; pm: boolean }>();
  const variants: PartsOptions[] = [
    { hour: 'numeric', minute: '2-digit', hour12: true },
    { hour: 'numeric', dayPeriod: 'narrow' },
    { hour: 'numeric', dayPeriod: 'short' },
    { hour: 'numeric', dayPeriod: 'long' },
  ];
  for (const options of variants) {
    const format = formatter(locale, options);
    for (let hour = 0; hour < 24; hour += 1) {
      const name = partValue(format.formatToParts(Date.UTC(2024, 0, 10, hour, 5)), 'dayPeriod');
      if (name === undefined) continue;
      const key = keyOf(name);
      const half = halves.get(key) ?? { name, am: false, pm: false };
      if (hour < 12) half.am = true;
      else half.pm = true;
      halves.set(key, half);
    }
  }
  for (const { name, am, pm } of halves.values()) if (am !== pm) addWord(words, name, { pm });
}

/** The layouts pages use: their literal words are the language's glue ("de", "a las", "г."). */
const LAYOUTS: readonly PartsOptions[] = [
  { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  { weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  { dateStyle: 'full', timeStyle: 'short' },
  { dateStyle: 'long', timeStyle: 'short' },
  { dateStyle: 'medium', timeStyle: 'short' },
  { dateStyle: 'short', timeStyle: 'short' },
  { hour: 'numeric', minute: '2-digit', hour12: true },
];

function addFillers(words: Map<string, WordMeaning>, locale: string): void {
  // The page shows the language's own calendar's era and glue (th "พ.ศ."), and names Gregorian months.
  const calendar = new Intl.DateTimeFormat(locale).resolvedOptions().calendar;
  const calendars = calendar === 'gregory' ? [{}] : [{}, { calendar }];
  for (const options of LAYOUTS.flatMap((layout) => calendars.map((c) => ({ ...layout, ...c })))) {
    for (const part of formatter(locale, options).formatToParts(Date.UTC(2026, 9, 6, 15, 42))) {
      // The era is glue too where a layout shows it (th "พ.ศ.").
      if (part.type !== 'literal' && part.type !== 'era') continue;
      // km "នៅ​ម៉ោង" is one word with a zero-width space inside, as the text will be once cleaned.
      for (const word of part.value.replace(FORMAT_CHARACTERS, '').match(/[\p{L}\p{M}]+/gu) ?? []) addWord(words, word, { filler: true });
    }
  }
}

function addRelativeDays(words: Map<string, WordMeaning>, locale: string): void {
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const days of [0, -1, -2]) {
    const name = relative.format(days, 'day');
    // "2 days ago" has no word of its own: only the named days count.
    if (!/\p{Nd}/u.test(name)) addWord(words, name, { days });
  }
}

/** One language's words, before it is combined with English. */
interface LanguageWords {
  words: Map<string, WordMeaning>;
  prefixes: Map<string, number>;
}

const LANGUAGES = new Map<string, LanguageWords>();

/** Caches by language, dropping the oldest beyond the bound. */
function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= MAX_CACHED_LOCALES) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
}

function languageWords(locale: string): LanguageWords {
  let found = LANGUAGES.get(locale);
  if (found === undefined) {
    const words = new Map<string, WordMeaning>();
    const months = namesOf(locale, 'month');
    addNames(words, 'month', months);
    addNames(words, 'weekday', namesOf(locale, 'weekday'));
    addDayPeriods(words, locale);
    addRelativeDays(words, locale);
    addFillers(words, locale);
    found = { words, prefixes: monthPrefixes(months) };
    remember(LANGUAGES, locale, found);
  }
  return found;
}

/** Spellings pages use that CLDR (or this runtime's CLDR) does not have. */
function addKnownSpellings(words: Map<string, WordMeaning>): void {
  for (const [name, month] of [['sept', 8], ['mrz', 2], ['maerz', 2], ['juni', 5], ['juli', 6]] as const) addWord(words, name, { month });
  for (const [name, weekday] of [['tues', 2], ['weds', 3], ['thur', 4], ['thurs', 4]] as const) addWord(words, name, { weekday });
  // Gmail's own AM/PM words, which newer CLDR replaced (ko "PM", hi "pm") or which the runtime may lack.
  for (const name of ['am', 'a.m.', '上午', '午前', '오전', 'ص', 'पूर्वाह्न']) addWord(words, name, { pm: false });
  for (const name of ['pm', 'p.m.', '下午', '午後', '오후', 'م', 'अपराह्न']) addWord(words, name, { pm: true });
  for (const name of ['gmt', 'utc', 'z']) addWord(words, name, { zone: true });
  for (const name of ['at', 'um', 'uhr']) addWord(words, name, { filler: true });
}

/** The order of the numeric fields in a layout: "DMY", "MDY", "YMD", "DM", "MD". */
function fieldOrder(locale: string, options: PartsOptions): string {
  return formatter(locale, options)
    .formatToParts(Date.UTC(2026, 10, 23))
    .filter((p) => p.type === 'year' || p.type === 'month' || p.type === 'day')
    .map((p) => p.type[0]!.toUpperCase())
    .join('');
}

function numericOrders(locale: string): NumericOrders {
  const yearLast = (order: string): YearLastOrder | null => (order === 'DMY' || order === 'MDY' ? order : null);
  const numeric = yearLast(fieldOrder(locale, { year: 'numeric', month: 'numeric', day: 'numeric' }));
  const short = fieldOrder(locale, { dateStyle: 'short' });
  const plain = numeric ?? yearLast(short);
  const weekday = yearLast(fieldOrder(locale, { weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric' })) ?? plain;
  const dayMonth = fieldOrder(locale, { month: 'numeric', day: 'numeric' });
  return {
    plain,
    weekday,
    short: short === 'YMD' ? 'YMD' : (yearLast(short) ?? plain),
    dayMonth: dayMonth === 'DM' || dayMonth === 'MD' ? dayMonth : null,
  };
}

/** What separates hours from minutes: ":" everywhere, "." in da/fi/id, " h " in fr-CA. */
function timeSeparators(locale: string): string[] {
  const separators = new Set([':']);
  for (const hour12 of [false, true]) {
    const parts = formatter(locale, { hour: 'numeric', minute: '2-digit', hour12 }).formatToParts(Date.UTC(2024, 0, 10, 15, 42));
    const hourAt = parts.findIndex((p) => p.type === 'hour');
    const between = parts[hourAt + 1];
    if (between?.type !== 'literal' || parts[hourAt + 2]?.type !== 'minute') continue;
    const separator = between.value.normalize('NFKC').trim();
    if (/^(?:[:.]|\p{L}{1,3})$/u.test(separator)) separators.add(separator.toLowerCase());
  }
  return [...separators].sort();
}

const SCANNERS = new Map<string, RegExp>();

/**
 * One pass over the cleaned text, one token per match (sticky): the alternatives are
 * tried in order, so "6.10.2026" is a date before "6.10" can be a time, and "2026年"
 * a year before "2026" is a number. Every quantifier is bounded or followed by a
 * different class: no backtracking blow-up on hostile text.
 */
function scannerFor(separators: readonly string[]): RegExp {
  const id = separators.join('\u0000');
  let scanner = SCANNERS.get(id);
  if (scanner === undefined) {
    const sep = separators
      .map((s) => {
        const escaped = s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        return /\p{L}/u.test(s) ? String.raw`\s?${escaped}\s?` : escaped;
      })
      .join('|');
    scanner = new RegExp(
      [
        String.raw`(\s+)`, // 1: space
        String.raw`([,،、፣][\s,،、፣]*)`, // 2: comma (Latin, Arabic, ideographic, Ethiopic)
        // 3-6: numeric date; not cs "6. 10. 15:42", where 15 is the hour.
        String.raw`(\d{1,4})([./-])\s?(\d{1,2})\4\s?(\d{1,4})(?![\d:])\.?`,
        // 7-9: day and month without a year: fi "6.10.", cs "6. 10.", "10/6", lt "10-06".
        String.raw`(\d{1,2})(?:\.\s?(\d{1,2})\.|[/-](\d{1,2})(?![\d/-]))`,
        String.raw`([+-])(\d{2}):?(\d{2})(?!\d)`, // 10-12: UTC offset
        String.raw`(\d{1,2})(?:${sep})(\d{2})(?:(?:${sep})(\d{2}))?(?!\d)`, // 13-15: time
        String.raw`(\d{1,4})\s?([年月日년월일])`, // 16-17: number with a unit
        // 18-19: day and month without the final dot (bg "6.10, 15:42"), once it cannot be a time.
        String.raw`(\d{1,2})\.(\d{1,2})(?![\d.])`,
        String.raw`(\d+)(?:st|nd|rd|th|er)?\.?`, // 20: number
        String.raw`([\p{L}\p{M}]+)\.?`, // 21: word
        // Punctuation inside names: "aujourd’hui", "terça-feira", hi "अक्टू॰", he "אוק׳", ne "बार:".
        String.raw`['’.\-॰·׳״:]`,
      ].join('|'),
      'uy',
    );
    SCANNERS.set(id, scanner);
  }
  return scanner;
}

function learn(locale: string | null): LocaleTables {
  const languages = locale === null ? ['en', 'de'] : [locale, 'en'];
  const words = new Map<string, WordMeaning>();
  for (const language of languages) {
    for (const [key, meaning] of languageWords(language).words) {
      const entry = words.get(key);
      if (entry === undefined) words.set(key, { ...meaning });
      else merge(entry, meaning);
    }
  }
  addKnownSpellings(words);
  for (const language of languages) {
    for (const [prefix, month] of languageWords(language).prefixes) if (!words.has(prefix)) words.set(prefix, { month });
  }
  if (locale === null) {
    // What this read before it knew the page's language: a 12-hour clock from 1, order guessed.
    return { words, orders: null, buddhist: false, scanner: scannerFor([':']) };
  }
  return {
    words,
    orders: numericOrders(locale),
    buddhist: new Intl.DateTimeFormat(locale).resolvedOptions().calendar === 'buddhist',
    scanner: scannerFor(timeSeparators(locale)),
  };
}

function learnFallback(): LocaleTables {
  const words = new Map<string, WordMeaning>();
  addKnownSpellings(words);
  return { words, orders: null, buddhist: false, scanner: scannerFor([':']) };
}

const TABLES = new Map<string, LocaleTables>();

/** The page language's tables, learnt once; an unknown or malformed language gets the default ones. */
function tablesFor(locale: string | null | undefined): LocaleTables {
  const id = typeof locale === 'string' ? locale : '';
  const cached = TABLES.get(id);
  if (cached !== undefined) return cached;
  let language: string | null = null;
  if (id.length > 0 && id.length <= 100) {
    try {
      const canonical = Intl.getCanonicalLocales(id)[0];
      if (canonical !== undefined && Intl.DateTimeFormat.supportedLocalesOf(canonical).length > 0) language = canonical;
    } catch {
      language = null;
    }
  }
  let tables: LocaleTables;
  try {
    tables = learn(language);
  } catch {
    // A runtime whose Intl lacks something for this language still reads English.
    tables = language === null ? learnFallback() : tablesFor(null);
  }
  remember(TABLES, id, tables);
  return tables;
}

interface TimeOfDay {
  hours: number;
  minutes: number;
  seconds: number;
  /** Minutes east of UTC when the text names an offset, else null (local time). */
  offset: number | null;
}

const MIDNIGHT: TimeOfDay = { hours: 0, minutes: 0, seconds: 0, offset: null };

/** The instant of a calendar date and time, or null when the date does not exist (Feb 30). */
function build(year: number, month: number, day: number, time: TimeOfDay): number | null {
  if (month < 0 || month > 11 || day < 1 || day > 31) return null;
  if (time.offset !== null) {
    const utc = Date.UTC(year, month, day, time.hours, time.minutes, time.seconds);
    const check = new Date(Date.UTC(year, month, day));
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month || check.getUTCDate() !== day) return null;
    return utc - time.offset * 60_000;
  }
  const date = new Date(year, month, day, time.hours, time.minutes, time.seconds);
  // Date() accepts two-digit years as 19xx and rolls Feb 30 over into March: reject both.
  date.setFullYear(year, month, day);
  if (!isValid(date) || date.getFullYear() !== year || date.getMonth() !== month || date.getDate() !== day) return null;
  return date.getTime();
}

/**
 * A date shown without a year is the most recent such date not in the future (Gmail
 * leaves the year out for this year's mail). Tries back a few years for 29 February.
 */
function buildYearless(month: number, day: number, time: TimeOfDay, now: Date): number | null {
  const latest = now.getTime() + FUTURE_SLACK_MS;
  for (let year = now.getFullYear() + 1; year >= now.getFullYear() - 8; year -= 1) {
    const at = build(year, month, day, time);
    if (at !== null && at <= latest) return at;
  }
  return null;
}

/** The time on the calendar day `shift` days from now's. */
function onDay(now: Date, shift: number, time: TimeOfDay): number | null {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + shift);
  return build(day.getFullYear(), day.getMonth(), day.getDate(), time);
}

/** A year as written: two digits are 20xx, and a Buddhist-era year (th 2569, "69") is 543 ahead. */
function fullYear(text: string, tables: LocaleTables): number {
  const year = Number(text);
  if (!tables.buddhist) return text.length === 2 ? 2000 + year : year;
  const buddhist = text.length === 2 ? 2500 + year : year;
  return buddhist >= 2400 ? buddhist - 543 : buddhist;
}

function weekdayOf(at: number): number {
  return new Date(at).getDay();
}

const DIGIT_VALUES = new Map<string, string>();

/** The ASCII digit of any Unicode decimal digit (٣, ३, ৩): digits come in runs of ten from zero. */
function asciiDigit(digit: string): string {
  let value = DIGIT_VALUES.get(digit);
  if (value === undefined) {
    const code = digit.codePointAt(0)!;
    let zero = code;
    while (code - zero < 60 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero -= 1;
    value = String((code - zero) % 10);
    if (DIGIT_VALUES.size < 1000) DIGIT_VALUES.set(digit, value);
  }
  return value;
}

function asciiDigits(text: string): string {
  return text.replace(/(?![0-9])\p{Nd}/gu, asciiDigit);
}

/** Text cleaned into one shape: lower-case, ASCII digits, no direction marks, no "(2 days ago)". */
function clean(text: string): string {
  let s = text;
  // Most texts are ASCII: skip the Unicode work for them.
  if (/[^\x00-\x7F]/.test(s)) {
    // NFKC composes "März" and folds full-width forms, NBSP and U+202F into plain ones;
    // direction marks are all over Outlook's and Arabic dates.
    s = asciiDigits(s.normalize('NFKC').replace(FORMAT_CHARACTERS, ''));
  }
  s = s.toLowerCase();
  if (s.includes('(')) {
    let previous: string;
    do {
      previous = s;
      // Asides go ("(4 days ago)", ja "(火)"); a time in brackets (eu "(15:42)") is the time.
      s = s.replace(/\(([^()]*)\)/g, (_, inside: string) => (/\d[:.]\d\d/.test(inside) ? ` ${inside} ` : ' '));
    } while (s !== previous);
  }
  return s.trim();
}

/** ISO 8601 date, optional time, optional zone: handed to date-fns' parseISO. */
const ISO = /^\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:z|[+-]\d{2}(?::?\d{2})?)?)?$/;

function readIso(text: string): number | null {
  const trimmed = text.trim();
  if (!ISO.test(trimmed.toLowerCase())) return null;
  const date = parseISO(trimmed.toUpperCase().replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T'));
  return isValid(date) ? date.getTime() : null;
}

type Token =
  | { kind: 'numeric'; a: string; separator: string; b: string; c: string }
  | { kind: 'dayMonth'; a: number; b: number; separator: string }
  | { kind: 'offset'; minutes: number | null }
  | { kind: 'time'; hours: number; minutes: number; seconds: number }
  | { kind: 'unit'; value: number; unit: 'y' | 'm' | 'd' }
  | { kind: 'number'; text: string }
  | { kind: 'word'; text: string; glued: boolean };

const UNITS: Readonly<Record<string, 'y' | 'm' | 'd'>> = { 年: 'y', 년: 'y', 月: 'm', 월: 'm', 日: 'd', 일: 'd' };

/** The cleaned text's tokens, or null when something in it is no part of a date. */
function tokenize(s: string, scanner: RegExp): Token[] | null {
  const tokens: Token[] = [];
  // A word directly after a word (no comma between) may be the rest of its name ("p. m.").
  let glue = false;
  let at = 0;
  while (at < s.length) {
    scanner.lastIndex = at;
    const m = scanner.exec(s);
    if (m === null || m[0].length === 0) return null;
    at = scanner.lastIndex;
    if (m[1] !== undefined) continue;
    if (m[2] !== undefined) {
      glue = false;
      continue;
    }
    let word = false;
    if (m[3] !== undefined) tokens.push({ kind: 'numeric', a: m[3], separator: m[4]!, b: m[5]!, c: m[6]! });
    else if (m[7] !== undefined) {
      const dotted = m[8] !== undefined;
      tokens.push({ kind: 'dayMonth', a: Number(m[7]), b: Number(dotted ? m[8] : m[9]), separator: dotted ? '.' : m[0][m[7].length]! });
    } else if (m[10] !== undefined) {
      const hours = Number(m[11]);
      const minutes = Number(m[12]);
      const valid = hours <= 14 && minutes <= 59;
      tokens.push({ kind: 'offset', minutes: valid ? (m[10] === '-' ? -1 : 1) * (hours * 60 + minutes) : null });
    } else if (m[13] !== undefined) {
      tokens.push({ kind: 'time', hours: Number(m[13]), minutes: Number(m[14]), seconds: m[15] === undefined ? 0 : Number(m[15]) });
    } else if (m[16] !== undefined) tokens.push({ kind: 'unit', value: Number(m[16]), unit: UNITS[m[17]!]! });
    else if (m[18] !== undefined) tokens.push({ kind: 'dayMonth', a: Number(m[18]), b: Number(m[19]), separator: '.' });
    else if (m[20] !== undefined) tokens.push({ kind: 'number', text: m[20] });
    else if (m[21] !== undefined) {
      tokens.push({ kind: 'word', text: m[21], glued: glue });
      word = true;
    } else {
      // Punctuation inside a name keeps the glue ("aujourd’hui").
      continue;
    }
    glue = word;
  }
  return tokens;
}

/** Scripts that write words apart; in others, particles and words run together (he "באוק׳", th, zh, te "PMకి"). */
const SPACED_SCRIPTS = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Inherited}\p{Script=Common}]*$/u;

/** An unknown run of letters split greedily into known words, longest first ("星期二下午"). */
function segment(text: string, words: ReadonlyMap<string, WordMeaning>): WordMeaning[] | null {
  if (text.length > MAX_SEGMENTED_WORD || SPACED_SCRIPTS.test(text)) return null;
  const found: WordMeaning[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.length;
    let meaning: WordMeaning | undefined;
    for (; end > start; end -= 1) {
      meaning = words.get(text.slice(start, end));
      if (meaning !== undefined) break;
    }
    if (meaning === undefined) return null;
    found.push(meaning);
    start = end;
  }
  return found;
}

/** Everything a text says, before it is turned into an instant. */
interface Reading {
  time: TimeOfDay | null;
  pm: boolean | null;
  numeric: Extract<Token, { kind: 'numeric' }> | null;
  dayMonth: Extract<Token, { kind: 'dayMonth' }> | null;
  units: { y?: number; m?: number; d?: number };
  numbers: string[];
  months: number[];
  /** Words that are a month or a weekday (es/it "mar"): settled once the rest is known. */
  either: WordMeaning[];
  weekdays: number[];
  days: number[];
}

/** Reads the token list into its parts; null when two parts clash (two times, a stray AM). */
function readTokens(tokens: readonly Token[], tables: LocaleTables): Reading | null {
  const reading: Reading = {
    time: null,
    pm: null,
    numeric: null,
    dayMonth: null,
    units: {},
    numbers: [],
    months: [],
    either: [],
    weekdays: [],
    days: [],
  };
  // Day periods and zones belong to the time right beside them (glue words aside: bg "3:42 ч. pm").
  let pendingPm: boolean | null = null;
  let afterTime: 'time' | 'pm' | 'zone' | null = null;

  const take = (meaning: WordMeaning, nextIsTime: boolean): boolean => {
    if (meaning.pm !== undefined) {
      if (afterTime === 'time' && reading.pm === null) {
        reading.pm = meaning.pm;
        afterTime = 'pm';
        return true;
      }
      // Before the time, a word that is also glue is glue (cy "am 15:42": "at", its AM follows the time).
      if (nextIsTime && !meaning.filler && reading.time === null && pendingPm === null) {
        pendingPm = meaning.pm;
        return true;
      }
    }
    if (meaning.zone && (afterTime === 'time' || afterTime === 'pm')) {
      reading.time!.offset = 0;
      afterTime = 'zone';
      return true;
    }
    const other = meaning.month !== undefined || meaning.weekday !== undefined || meaning.days !== undefined;
    if (meaning.filler && !other) return true;
    if (pendingPm !== null || !other) return false;
    afterTime = null;
    if (meaning.month !== undefined && meaning.weekday !== undefined) reading.either.push(meaning);
    else if (meaning.month !== undefined) {
      // Two months is no date: stop before reading the rest of a long text.
      if (reading.months.length > 0) return false;
      reading.months.push(meaning.month);
    } else if (meaning.weekday !== undefined) reading.weekdays.push(meaning.weekday);
    else reading.days.push(meaning.days!);
    return true;
  };

  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.kind === 'word') {
      let meaning: WordMeaning | undefined;
      let used = 0;
      // A word with a number (vi "thg 10").
      const next = tokens[i + 1];
      if (next?.kind === 'number') {
        meaning = tables.words.get(`${token.text}#${Number(next.text)}`);
        if (meaning !== undefined) used = 1;
      }
      // The longest run of glued words that is one name ("p. m.", "i går", "l’altro ieri").
      if (meaning === undefined) {
        let key = token.text;
        for (let j = i + 1; j < tokens.length && j <= i + 2; j += 1) {
          const glued = tokens[j]!;
          if (glued.kind !== 'word' || !glued.glued) break;
          key += glued.text;
          const joined = tables.words.get(key);
          if (joined !== undefined) {
            meaning = joined;
            used = j - i;
          }
        }
      }
      meaning ??= tables.words.get(token.text);
      i += used;
      const nextIsTime = tokens[i + 1]?.kind === 'time';
      if (meaning !== undefined) {
        if (!take(meaning, nextIsTime)) return null;
        continue;
      }
      const parts = segment(token.text, tables.words);
      if (parts === null) return null;
      for (let p = 0; p < parts.length; p += 1) if (!take(parts[p]!, nextIsTime && p === parts.length - 1)) return null;
      continue;
    }
    if (token.kind === 'time') {
      if (reading.time !== null) return null;
      reading.time = { hours: token.hours, minutes: token.minutes, seconds: token.seconds, offset: null };
      reading.pm = pendingPm;
      pendingPm = null;
      afterTime = reading.pm === null ? 'time' : 'pm';
      continue;
    }
    if (pendingPm !== null) return null;
    if (token.kind === 'offset') {
      if (afterTime === null || token.minutes === null) return null;
      reading.time!.offset = token.minutes;
      afterTime = null;
      continue;
    }
    afterTime = null;
    if (token.kind === 'numeric') {
      if (reading.numeric !== null) return null;
      reading.numeric = token;
    } else if (token.kind === 'dayMonth') {
      if (reading.dayMonth !== null) return null;
      reading.dayMonth = token;
    } else if (token.kind === 'unit') {
      if (reading.units[token.unit] !== undefined) return null;
      reading.units[token.unit] = token.value;
    } else {
      reading.numbers.push(token.text);
    }
  }
  return pendingPm === null ? reading : null;
}

/** The clock time with its day period applied, or null for an impossible one (13:42 PM). */
function clockTime(reading: Reading): TimeOfDay | null {
  const time = reading.time;
  if (time === null) return MIDNIGHT;
  if (time.minutes > 59 || time.seconds > 59) return null;
  // ICU's 1-24 clock (what Intl gives for hour12: false in some languages) says 24:05 for 0:05.
  if (reading.pm === null) return time.hours > 24 ? null : { ...time, hours: time.hours % 24 };
  // Hour 0 and hour 12 with a day period are the same hour, whichever clock the
  // language's CLDR data prefers: the mail host's servers and the browser's ICU do
  // not always agree (zh-CN is "下午0:28" in one ICU and "下午12:28" in another).
  if (time.hours < 0 || time.hours > 12) return null;
  return { ...time, hours: (time.hours % 12) + (reading.pm ? 12 : 0) };
}

/** "10/6/2026", "06.10.26", "2026/10/06", ko "26. 10. 6.": ordered by the language, else guessed. */
function readNumeric(
  numeric: Extract<Token, { kind: 'numeric' }>,
  time: TimeOfDay,
  reading: Reading,
  tables: LocaleTables,
): number | null {
  const { a, separator, b, c } = numeric;
  if (a.length === 4) return c.length <= 2 ? build(fullYear(a, tables), Number(b) - 1, Number(c), time) : null;
  if (a.length > 2 || c.length === 3) return null;
  const orders = tables.orders;
  const twoDigitYear = c.length <= 2;
  if (twoDigitYear && orders?.short === 'YMD') return build(fullYear(a, tables), Number(b) - 1, Number(c), time);
  const year = fullYear(c, tables);
  const dayFirst = build(year, Number(b) - 1, Number(a), time);
  // No language writes month.day.year.
  if (separator === '.') return dayFirst;
  const monthFirst = build(year, Number(a) - 1, Number(b), time);
  if (dayFirst === null || monthFirst === null || dayFirst === monthFirst) return monthFirst ?? dayFirst;
  const weekday = reading.weekdays[0];
  if (orders !== null) {
    const order = twoDigitYear ? orders.short : weekday === undefined ? orders.plain : orders.weekday;
    if (order === 'DMY') return dayFirst;
    if (order === 'MDY') return monthFirst;
  }
  // Unknown order and both readings exist (10/6): the weekday decides, else a 12-hour clock means US order.
  if (weekday !== undefined) {
    const dayFirstFits = weekdayOf(dayFirst) === weekday;
    const monthFirstFits = weekdayOf(monthFirst) === weekday;
    if (dayFirstFits !== monthFirstFits) return dayFirstFits ? dayFirst : monthFirst;
  }
  return reading.pm !== null ? monthFirst : dayFirst;
}

/** A day without a date: "15:42" (today), "yesterday 15:42", "Mon 3:42 PM" (this past week). */
function readDayless(reading: Reading, time: TimeOfDay, now: Date): number | null {
  if (reading.numbers.length > 0 || reading.days.length > 1 || reading.weekdays.length > 1) return null;
  const latest = now.getTime() + TIME_ONLY_SLACK_MS;
  const days = reading.days[0];
  if (days !== undefined && days < 0) return onDay(now, days, time);
  if (reading.time === null) return days === 0 ? onDay(now, 0, time) : null;
  const weekday = days === undefined ? reading.weekdays[0] : undefined;
  for (let back = 0; back <= 7; back += 1) {
    if (weekday !== undefined && new Date(now.getFullYear(), now.getMonth(), now.getDate() - back).getDay() !== weekday) continue;
    const at = onDay(now, -back, time);
    if (at !== null && at <= latest) return at;
  }
  return null;
}

/** Reads a cleaned text; null when something in it is unknown or it names an impossible date. */
function readCleaned(s: string, now: Date, tables: LocaleTables): number | null {
  const tokens = tokenize(s, tables.scanner);
  if (tokens === null || tokens.length === 0) return null;
  const reading = readTokens(tokens, tables);
  if (reading === null) return null;
  const time = clockTime(reading);
  if (time === null) return null;

  const { units, numeric, dayMonth, numbers, months, either } = reading;
  const hasUnits = units.y !== undefined || units.m !== undefined || units.d !== undefined;
  const numericParts = (numeric === null ? 0 : 1) + (dayMonth === null ? 0 : 1) + (hasUnits ? 1 : 0);
  let month: number | undefined;
  let day: number | undefined;
  let year: number | undefined;
  if (numericParts > 0) {
    if (months.length > 0 || numbers.length > 0 || numericParts > 1) return null;
  } else if (months.length > 0 || (either.length > 0 && numbers.length > 0)) {
    if (months.length > 1) return null;
    // Of the words that may be either, the month is the last: the weekday leads (es "mar, 3 mar 2026").
    month = months.length === 1 ? months[0] : either.pop()!.month;
    for (const number of numbers) {
      if (number.length === 4 && year === undefined) year = fullYear(number, tables);
      else if (number.length <= 2 && day === undefined) day = Number(number);
      else return null;
    }
    if (day === undefined) return null;
  }
  for (const word of either) reading.weekdays.push(word.weekday!);
  if (reading.weekdays.length > 1) return null;
  if ((numericParts > 0 || month !== undefined) && reading.days.length > 0) return null;

  if (numeric !== null) return readNumeric(numeric, time, reading, tables);
  if (dayMonth !== null) {
    // Unknown language: day first with dots, or with a 24-hour clock (as for full numeric dates).
    const order = tables.orders?.dayMonth ?? (dayMonth.separator === '.' || reading.pm === null ? 'DM' : 'MD');
    month = (order === 'DM' ? dayMonth.b : dayMonth.a) - 1;
    day = order === 'DM' ? dayMonth.a : dayMonth.b;
  }
  if (hasUnits) {
    if (units.m === undefined || units.d === undefined) return null;
    month = units.m - 1;
    day = units.d;
    year = units.y === undefined ? undefined : fullYear(String(units.y), tables);
  }
  if (month === undefined || day === undefined) return readDayless(reading, time, now);
  return year === undefined ? buildYearless(month, day, time, now) : build(year, month, day, time);
}

/**
 * The instant a mail page's date text stands for, in the user's local time zone.
 * `locale` is the page's language (`<html lang>`, e.g. "zh-CN"); English is read
 * whatever it is, and German too when it is missing or unknown. Never throws: a text
 * that cannot be read, or reads as before 1990 or more than a year ahead, gives
 * `{ at: now, exact: false }`.
 */
export function parseMailDate(text: string | null, now: Date, locale?: string | null): MailDate {
  const fallback: MailDate = { at: now.getTime(), exact: false };
  if (typeof text !== 'string' || text.length > MAX_TEXT || !isValid(now)) return fallback;
  try {
    const at = readIso(text) ?? readCleaned(clean(text), now, tablesFor(locale));
    if (at === null || !Number.isFinite(at)) return fallback;
    if (new Date(at).getFullYear() < MIN_YEAR || at > addYears(now, 1).getTime()) return fallback;
    return { at: Math.trunc(at), exact: true };
  } catch {
    return fallback;
  }
}

/** How long ago, in the unit the sidebar shows. */
const ABSOLUTE_AFTER_DAYS = 60;

function safeLocale(locale: string | undefined): string | undefined {
  if (locale === undefined) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

/**
 * When something happened, for the sidebar: "today", "yesterday", "3 days ago",
 * "2 weeks ago" while recent (calendar days in local time), a date ("12 Mar 2025" in
 * en-GB) from about two months back. Localised by `locale` (the runtime's by default).
 */
export function describeWhen(at: number, now: Date, locale?: string): string {
  if (!Number.isFinite(at) || !isValid(now)) return '';
  const lang = safeLocale(locale);
  const days = differenceInCalendarDays(now, at);
  if (Math.abs(days) < ABSOLUTE_AFTER_DAYS) {
    const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
    if (Math.abs(days) < 7) return relative.format(-days, 'day');
    return relative.format(-Math.trunc(days / 7), 'week');
  }
  return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric' }).format(at);
}
