import { describe, expect, it } from 'vitest';
import { uuidv7, uuidv7Generator } from './uuidv7';

const SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('makes ids of the UUIDv7 shape, which the protocol accepts as ids', () => {
    for (let i = 0; i < 200; i++) {
      const id = uuidv7();
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(id).toMatch(SHAPE);
      expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    }
  });

  it('makes ids that sort in the order they were made, even many in one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('puts the time first, so a later millisecond sorts later', () => {
    let t = 1_700_000_000_000;
    const next = uuidv7Generator(() => t);
    const a = next();
    t += 1;
    const b = next();
    expect(a < b).toBe(true);
    expect(a.slice(0, 13)).toBe('018bcfe5-6800');
  });

  it('keeps counting up when the clock stands still or steps back', () => {
    let t = 1_700_000_000_000;
    const next = uuidv7Generator(() => t);
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      ids.push(next());
      if (i === 5000) t -= 10_000; // the phone's clock was corrected backwards
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
