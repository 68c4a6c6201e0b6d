import { describe, expect, it } from 'vitest';
import { timeFromGmailId } from '../../lib/domain/gmail-ids';

const NOW = new Date(Date.UTC(2026, 9, 10, 12, 0));
const MINUTE = 60_000;

function minuteOf(at: number | null): number | null {
  return at === null ? null : Math.floor(at / MINUTE) * MINUTE;
}

describe('timeFromGmailId', () => {
  it('reads the time in a legacy message id', () => {
    // The message Gmail (zh-CN) shows as "2016年5月4日 上午10:08" in UTC+8.
    expect(minuteOf(timeFromGmailId('1547986a2fbf2cbf', NOW))).toBe(Date.UTC(2016, 4, 4, 2, 9));
    expect(timeFromGmailId('1547986a2fbf2cbf', NOW)).toBe(Date.UTC(2016, 4, 4, 2, 9, 7, 323));
  });

  it('reads the ids in Gmail URLs', () => {
    const at = timeFromGmailId('18c2f0a1b2c3d4e5', NOW);
    expect(at).not.toBeNull();
    expect(new Date(at!).toISOString().slice(0, 7)).toBe('2023-12');
    expect(minuteOf(at)).toBe(Date.UTC(2023, 11, 3, 9, 37));
  });

  it('reads upper-case hex and ids with their leading zeros dropped', () => {
    expect(timeFromGmailId('1547986A2FBF2CBF', NOW)).toBe(timeFromGmailId('1547986a2fbf2cbf', NOW));
    // 0x0fffffffffffffff: November 2004, written with 15 digits.
    expect(minuteOf(timeFromGmailId('fffffffffffffff', NOW))).toBe(Date.UTC(2004, 10, 3, 19, 53));
  });

  it('rejects times before Gmail launched or after tomorrow', () => {
    expect(timeFromGmailId('1', NOW)).toBeNull();
    expect(timeFromGmailId('100000000000000', NOW)).toBeNull(); // 1972
    expect(timeFromGmailId('ffffffffffffffff', NOW)).toBeNull(); // 2527
    const inTwoDays = (BigInt(NOW.getTime() + 2 * 86_400_000) << 20n).toString(16);
    const inAnHour = (BigInt(NOW.getTime() + 3_600_000) << 20n).toString(16);
    expect(timeFromGmailId(inTwoDays, NOW)).toBeNull();
    expect(timeFromGmailId(inAnHour, NOW)).toBe(NOW.getTime() + 3_600_000);
  });

  it('bounds the future by now when given, by the clock otherwise', () => {
    expect(timeFromGmailId('1547986a2fbf2cbf', new Date(Date.UTC(2010, 0, 1)))).toBeNull();
    expect(timeFromGmailId('1547986a2fbf2cbf')).toBe(Date.UTC(2016, 4, 4, 2, 9, 7, 323));
  });

  it.each([
    [null],
    [undefined],
    [''],
    ['1547986a2fbf2cbf0'],
    ['0x1547986a2fbf2cbf'],
    [' 1547986a2fbf2cbf'],
    ['1547986a2fbf2cbf\n'],
    ['1547986a2fbf2cbg'],
    ['-1547986a2fbf2cbf'],
    ['#msg-f:1533498839467535551'],
    ['thread-f:1533498839467535551'],
    ['FMfcgzGwJcbTdRRmHjqWlVtTfZPCSrZR'],
    ['１５４７９８６ａ２ｆｂｆ２ｃｂｆ'],
    ['__proto__'],
  ])('%j is not a legacy id', (id) => {
    expect(timeFromGmailId(id, NOW)).toBeNull();
  });

  it('never throws on non-string input at runtime', () => {
    expect(timeFromGmailId(42 as unknown as string, NOW)).toBeNull();
    expect(timeFromGmailId({} as unknown as string, NOW)).toBeNull();
    expect(timeFromGmailId('1547986a2fbf2cbf', new Date(Number.NaN))).toBeNull();
  });
});
