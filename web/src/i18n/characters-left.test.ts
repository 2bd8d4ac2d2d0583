import { describe, expect, it } from 'vitest';
import { charactersLeft } from './characters-left';
import { en } from './en';
import { fi } from './fi';
import { interpolate } from './interpolate';
import { sv } from './sv';

const tIn = (table: Record<string, string>) => (key: string, vars?: Record<string, string | number>) => interpolate(table[key]!, vars);

describe('charactersLeft', () => {
  it('counts down, then says how many too many, never a negative number', () => {
    const t = tIn(en);
    expect(charactersLeft(12, t)).toBe('12 characters left');
    expect(charactersLeft(1, t)).toBe('1 character left');
    expect(charactersLeft(0, t)).toBe('0 characters left');
    expect(charactersLeft(-1, t)).toBe('1 character too many');
    expect(charactersLeft(-7, t)).toBe('7 characters too many');
  });

  it('has the plurals in Finnish and Swedish', () => {
    expect(charactersLeft(-1, tIn(fi))).toBe('1 merkki liikaa');
    expect(charactersLeft(-3, tIn(fi))).toBe('3 merkkiä liikaa');
    expect(charactersLeft(1, tIn(fi))).toBe('1 merkki jäljellä');
    expect(charactersLeft(-1, tIn(sv))).toBe('1 tecken för mycket');
    for (const table of [en, fi, sv]) expect(charactersLeft(-5, tIn(table))).not.toContain('-');
  });
});
