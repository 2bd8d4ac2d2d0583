import { describe, expect, it } from 'vitest';
import { effectiveContrast, isContrast } from './contrast.svelte';

describe('effectiveContrast', () => {
  it('follows the system when nothing was chosen', () => {
    expect(effectiveContrast(null, true)).toBe('more');
    expect(effectiveContrast(null, false)).toBe('normal');
  });
  it('lets a remembered choice win over the system', () => {
    expect(effectiveContrast('normal', true)).toBe('normal');
    expect(effectiveContrast('more', false)).toBe('more');
  });
  it('reads only the two stored values', () => {
    expect(isContrast('more')).toBe(true);
    expect(isContrast('high')).toBe(false);
    expect(isContrast(null)).toBe(false);
  });
});
