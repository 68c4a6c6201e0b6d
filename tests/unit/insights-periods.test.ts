/** Insights' windows of time (lib/domain/insights/periods.ts, days.ts): expected days written by hand. */
import { describe, expect, it } from 'vitest';
import { dayOf } from '../../lib/domain/calendar';
import { dayClock, dayNumber, dayString } from '../../lib/domain/insights/days';
import { lastMonths, lastQuarters, periodWindow, previousWindow } from '../../lib/domain/insights/periods';

const at = (iso: string) => Date.parse(iso);
/** The window as its first and last calendar days, and how many days it holds. */
function days(window: { firstDay: number; endDay: number }) {
  return { first: dayString(window.firstDay), last: dayString(window.endDay - 1), length: window.endDay - window.firstDay };
}

describe('period windows', () => {
  it('last 90 days: today and the 89 days before it, from the start of the first day to the start of tomorrow', () => {
    const window = periodWindow('last-90-days', '2026-12-07', 'UTC', null);
    expect(days(window)).toEqual({ first: '2026-09-09', last: '2026-12-07', length: 90 });
    expect(window.start).toBe(at('2026-09-09T00:00:00Z'));
    expect(window.end).toBe(at('2026-12-08T00:00:00Z'));
  });

  it('starts and ends at the user’s midnights (Berlin: summer time in September, winter time in December)', () => {
    const window = periodWindow('last-90-days', '2026-12-07', 'Europe/Berlin', null);
    expect(window.start).toBe(at('2026-09-08T22:00:00Z'));
    expect(window.end).toBe(at('2026-12-07T23:00:00Z'));
  });

  it('last 12 months: from the day after the same day a year ago, 365 days, 366 with a 29 February', () => {
    expect(days(periodWindow('last-12-months', '2026-12-07', 'UTC', null))).toEqual({ first: '2025-12-08', last: '2026-12-07', length: 365 });
    expect(days(periodWindow('last-12-months', '2028-02-29', 'UTC', null))).toEqual({ first: '2027-03-01', last: '2028-02-29', length: 366 });
    expect(days(periodWindow('last-12-months', '2028-03-01', 'UTC', null))).toEqual({ first: '2027-03-02', last: '2028-03-01', length: 366 });
    expect(days(periodWindow('last-12-months', '2027-03-01', 'UTC', null))).toEqual({ first: '2026-03-02', last: '2027-03-01', length: 365 });
  });

  it('this year: from 1 January; on 1 January, that day alone', () => {
    expect(days(periodWindow('this-year', '2026-12-07', 'UTC', null))).toEqual({ first: '2026-01-01', last: '2026-12-07', length: 341 });
    expect(days(periodWindow('this-year', '2026-01-01', 'UTC', null))).toEqual({ first: '2026-01-01', last: '2026-01-01', length: 1 });
  });

  it('all time: from the earliest record’s day; today alone when there is none', () => {
    expect(days(periodWindow('all-time', '2026-12-07', 'UTC', '2024-05-03'))).toEqual({ first: '2024-05-03', last: '2026-12-07', length: 949 });
    expect(days(periodWindow('all-time', '2026-12-07', 'UTC', null))).toEqual({ first: '2026-12-07', last: '2026-12-07', length: 1 });
    expect(days(periodWindow('all-time', '2026-12-07', 'UTC', '2027-01-01'))).toEqual({ first: '2026-12-07', last: '2026-12-07', length: 1 });
  });

  it('the window before a period has its length and ends where it starts; none before all time', () => {
    const window = periodWindow('last-90-days', '2026-12-07', 'UTC', null);
    expect(days(previousWindow('last-90-days', window, 'UTC')!)).toEqual({ first: '2026-06-11', last: '2026-09-08', length: 90 });
    const leap = periodWindow('last-12-months', '2028-02-29', 'UTC', null);
    expect(days(previousWindow('last-12-months', leap, 'UTC')!)).toEqual({ first: '2026-02-28', last: '2027-02-28', length: 366 });
    expect(previousWindow('all-time', periodWindow('all-time', '2026-12-07', 'UTC', '2024-01-01'), 'UTC')).toBeNull();
  });
});

describe('quarters and months', () => {
  it('the last 8 calendar quarters, oldest first, the current one ending with today', () => {
    const quarters = lastQuarters('2026-12-07', 'UTC');
    expect(quarters.map((quarter) => quarter.label)).toEqual(['2025 Q1', '2025 Q2', '2025 Q3', '2025 Q4', '2026 Q1', '2026 Q2', '2026 Q3', '2026 Q4']);
    expect(days(quarters[0]!)).toEqual({ first: '2025-01-01', last: '2025-03-31', length: 90 });
    expect(days(quarters[6]!)).toEqual({ first: '2026-07-01', last: '2026-09-30', length: 92 });
    expect(days(quarters[7]!)).toEqual({ first: '2026-10-01', last: '2026-12-07', length: 68 });
  });

  it('quarters across a year boundary, in a leap year', () => {
    const quarters = lastQuarters('2028-02-10', 'UTC', 2);
    expect(quarters.map((quarter) => quarter.label)).toEqual(['2027 Q4', '2028 Q1']);
    expect(days(quarters[0]!)).toEqual({ first: '2027-10-01', last: '2027-12-31', length: 92 });
  });

  it('the last 12 calendar months, whole, with their month ends (29 days in February 2028)', () => {
    const months = lastMonths('2028-03-15', 'UTC');
    expect(months.map((month) => month.month)).toEqual(['2027-04', '2027-05', '2027-06', '2027-07', '2027-08', '2027-09', '2027-10', '2027-11', '2027-12', '2028-01', '2028-02', '2028-03']);
    expect(days(months[10]!)).toEqual({ first: '2028-02-01', last: '2028-02-29', length: 29 });
    expect(days(months[11]!)).toEqual({ first: '2028-03-01', last: '2028-03-31', length: 31 });
    expect(days(lastMonths('2027-02-01', 'UTC', 1)[0]!)).toEqual({ first: '2027-02-01', last: '2027-02-28', length: 28 });
  });
});

describe('the day clock', () => {
  it('puts 23:30 UTC on the next day in Berlin, and on the same day in UTC', () => {
    expect(dayString(dayClock('UTC')(at('2026-12-07T23:30:00Z')))).toBe('2026-12-07');
    expect(dayString(dayClock('Europe/Berlin')(at('2026-12-07T23:30:00Z')))).toBe('2026-12-08');
    // Summer time: Berlin is 2 hours ahead.
    expect(dayString(dayClock('Europe/Berlin')(at('2026-07-01T22:30:00Z')))).toBe('2026-07-02');
    expect(dayString(dayClock('Europe/Berlin')(at('2026-07-01T21:30:00Z')))).toBe('2026-07-01');
  });

  it('on the days the clocks change, agrees with calendar.ts hour by hour', () => {
    for (const timeZone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      const clock = dayClock(timeZone);
      for (const day of ['2026-03-28', '2026-03-29', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01']) {
        for (let minutes = -24 * 60; minutes < 48 * 60; minutes += 15) {
          const instant = at(`${day}T00:00:00Z`) + minutes * 60_000;
          expect(dayString(clock(instant)), `${timeZone} ${new Date(instant).toISOString()}`).toBe(dayOf(instant, timeZone));
        }
      }
    }
  });

  it('reads days as numbers both ways', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2028-03-01') - dayNumber('2028-02-28')).toBe(2);
    expect(dayString(dayNumber('2026-12-31') + 1)).toBe('2027-01-01');
  });
});
