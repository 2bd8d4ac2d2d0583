import { describe, expect, it } from 'vitest';
import { filenameOf } from './export-api';

describe('filenameOf', () => {
  it('takes the name the server gave the download', () => {
    expect(filenameOf('attachment; filename="kooste-palveluverkko-tutuksi-2026-12-04.md"', 'md')).toBe(
      'kooste-palveluverkko-tutuksi-2026-12-04.md',
    );
  });

  it('falls back to a plain name in the format asked for', () => {
    expect(filenameOf(null, 'csv')).toBe('kooste.csv');
    expect(filenameOf('attachment', 'html')).toBe('kooste.html');
  });
});
