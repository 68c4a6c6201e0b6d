import { describe, expect, it } from 'vitest';
import { nameKey } from '../../lib/domain/names';

describe('nameKey', () => {
  it.each([
    ['Jane Doe', 'jane doe'],
    ['  JANE   DOE  ', 'jane doe'],
    ['Jane\tDoe\n', 'jane doe'],
    ['Doe, Jane', 'jane doe'],
    ['van der Berg, Anna', 'anna van der berg'],
    ['"Jane Doe"', 'jane doe'],
    ["'Jane Doe'", 'jane doe'],
    ['“Jane Doe”', 'jane doe'],
    ['"Doe, Jane" <jane@example.com>', 'jane doe'],
    ['Jane Doe <jane@example.com>', 'jane doe'],
    ['Jane Doe jane@example.com', 'jane doe'],
    ['Jane Doe (Acme)', 'jane doe'],
    ['Doe, Jane (External)', 'jane doe'],
    ['Jane Doe [EXT]', 'jane doe'],
    ['Jane (Janie (J)) Doe', 'jane doe'],
    ['José Müller', 'jose muller'],
    ['Zoë Brontë-Çelik', 'zoe bronte celik'],
    ['Hans Groß', 'hans gross'],
    ['Søren Łukasz', 'soren lukasz'],
    ["Seán O'Brien", 'sean obrien'],
    ['Seán O’Brien', 'sean obrien'],
    ['Dr. Jane Doe', 'jane doe'],
    ['Prof. Dr. Hans Müller', 'hans muller'],
    ['Smith, Dr. John', 'john smith'],
    ['Jane Doe, PhD', 'jane doe'],
    ['Doe, Jane, Jr.', 'jane doe'],
    ['J. R. R. Tolkien', 'j r r tolkien'],
    ['Anne-Marie Dupont', 'anne marie dupont'],
    ['ｊａｎｅ　ｄｏｅ', 'jane doe'],
    ['Jane\u200BDoe', 'jane doe'],
    ['Ja\u00ADne Doe', 'jane doe'],
    ['\u202AJane Doe\u202C', 'jane doe'],
    ['张伟', '张伟'],
    ['Иван Петров', 'иван петров'],
    ['Dr', 'dr'],
  ])('%j -> %j', (input, expected) => {
    expect(nameKey(input)).toBe(expected);
  });

  it('gives the same key for the same person written differently', () => {
    const forms = ['Jane Doe', 'Doe, Jane', '"Jane Doe" <jane@acme.com>', 'JANE DOE (Acme Corp)', 'Jäne Döe'];
    expect(new Set(forms.map(nameKey))).toEqual(new Set(['jane doe']));
  });

  it.each([
    [''],
    ['   '],
    ['jane@example.com'],
    ['<jane@example.com>'],
    ['"jane@example.com"'],
    ['mailto:jane@example.com'],
    ['(Acme)'],
    ['<b></b>'],
    ['...'],
    ['""'],
    ['\u200B\u200E'],
  ])('%j has no usable name', (input) => {
    expect(nameKey(input)).toBe('');
  });

  it('keeps hostile strings inert and bounded', () => {
    expect(nameKey('__proto__')).toBe('proto');
    expect(nameKey('constructor')).toBe('constructor');
    expect(nameKey('<script>alert(1)</script>Jane')).toBe('alert jane');
    expect(nameKey('<img src=x onerror=alert(1)>')).toBe('');
    const long = nameKey('a '.repeat(5_000));
    expect(long.length).toBeLessThanOrEqual(500);
    expect(long.startsWith('a a a')).toBe(true);
    expect(nameKey('x'.repeat(10_000)).length).toBe(500);
    const nested = `${'('.repeat(3000)}Jane${')'.repeat(3000)}`;
    expect(nameKey(nested)).toBe('');
    const started = performance.now();
    nameKey('@'.repeat(10_000));
    nameKey('a'.repeat(10_000) + '@');
    nameKey('<'.repeat(10_000));
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('returns empty for non-string input at runtime', () => {
    expect(nameKey(undefined as unknown as string)).toBe('');
    expect(nameKey(null as unknown as string)).toBe('');
    expect(nameKey(7 as unknown as string)).toBe('');
  });

  it('is idempotent', () => {
    for (const input of ['Doe, Jane', 'Prof. Dr. Hans Groß (Extern)', 'Mr Mr Smith', 'x'.repeat(900), 'Ｊａｎｅ', 'Dr']) {
      const once = nameKey(input);
      expect(nameKey(once)).toBe(once);
    }
  });
});
