import { describe, expect, it } from 'vitest';
import type { Op, RejectReason } from '../protocol/generated';
import { browserLanguage } from './browser-language';
import { describeRejection } from './describe-rejection';
import { en, type MessageKey } from './en';
import { fi } from './fi';
import { interpolate, placeholders } from './interpolate';
import { sv } from './sv';

const tables = { en, fi, sv } as const;

describe('message tables', () => {
  it('have exactly the same keys in every language', () => {
    const keys = Object.keys(en).sort();
    expect(Object.keys(fi).sort()).toEqual(keys);
    expect(Object.keys(sv).sort()).toEqual(keys);
  });

  it('have no empty messages', () => {
    for (const [language, table] of Object.entries(tables)) {
      for (const [key, message] of Object.entries(table)) {
        expect(message.trim(), `${language}.${key}`).not.toBe('');
      }
    }
  });

  it('use the same placeholders in every language', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(placeholders(fi[key]), `fi.${key}`).toEqual(placeholders(en[key]));
      expect(placeholders(sv[key]), `sv.${key}`).toEqual(placeholders(en[key]));
    }
  });

  it('name the ten digits, zero first', () => {
    for (const [language, table] of Object.entries(tables)) {
      expect(table.digitWords.split(' '), language).toHaveLength(10);
    }
    expect(sv.digitWords.split(' ')[0]).toBe('noll');
  });

  it('use the words people expect', () => {
    expect(fi.joinHeading).toBe('Liity koodilla');
    expect(fi.post).toBe('Lähetä');
    expect(fi.anonymous.toLowerCase()).toBe('nimetön');
    expect(sv.joinHeading).toBe('Gå med med kod');
    expect(sv.anonymous.toLowerCase()).toBe('anonym');
  });
});

describe('interpolate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{count} online', { count: 12 })).toBe('12 online');
    expect(interpolate('{a} and {b}', { a: 'x' })).toBe('x and {b}');
    expect(placeholders('{n} of {max}, {n}')).toEqual(['max', 'n', 'n']);
  });
});

describe('browserLanguage', () => {
  it('takes the first supported language and falls back to Finnish', () => {
    expect(browserLanguage(['sv-FI', 'fi'])).toBe('sv');
    expect(browserLanguage(['de-DE', 'en-GB'])).toBe('en');
    expect(browserLanguage(['de-DE'])).toBe('fi');
    expect(browserLanguage([])).toBe('fi');
  });
});

describe('describeRejection', () => {
  const post: Op = { type: 'post_note', id: 'n', section: 's', text: 'x', colour: 'yellow' };
  const reasons: RejectReason[] = [
    { code: 'forbidden' },
    { code: 'unknown_section', id: 's' },
    { code: 'unknown_note', id: 'n' },
    { code: 'duplicate_id' },
    { code: 'bad_position' },
    { code: 'empty', field: 'note_text' },
    { code: 'too_long', field: 'note_text', max: 1000 },
    { code: 'limit_reached', what: 'notes', max: 5000 },
    { code: 'invalid_op', detail: 'unknown variant' },
    { code: 'storage_unavailable' },
    { code: 'rate_limited' },
    { code: 'unknown_phase', id: 'p' },
    { code: 'current_phase_removed' },
    { code: 'locked' },
    { code: 'posting_closed' },
  ];

  for (const [language, table] of Object.entries(tables)) {
    const t = (key: MessageKey, vars?: Record<string, string | number>) => interpolate(table[key], vars);

    it(`says every reason in words (${language}), with no placeholder left over`, () => {
      const texts = reasons.map((r) => describeRejection(post, r, t));
      for (const text of texts) expect(text).not.toMatch(/[{}]/);
      expect(new Set(texts).size).toBe(reasons.length);
      expect(texts[6]).toContain('1000');
      expect(texts[6]).toContain(table.failedPostNote);
    });
  }
});
