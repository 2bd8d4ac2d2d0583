import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../i18n/en';
import { interpolate } from '../i18n/interpolate';
import type { Phase } from '../protocol/generated';
import { type Heard, announcement, announcementParts } from './announcements';
import { blankPhase } from './phase-list';

const t = (key: MessageKey, vars?: Record<string, string | number>) => interpolate(en[key], vars);

const WRITE: Phase = { ...blankPhase('w'), title: 'Write', instruction: 'Write your own thoughts.', private_notes: true };
const DISCUSS: Phase = { ...blankPhase('d'), title: 'Discuss', instruction: '  ' };

function heard(extra: Partial<Heard> = {}): Heard {
  return { phase: null, boardLocked: false, withheld: 0, ...extra };
}

describe('announcement', () => {
  it('says nothing when nothing announced changed', () => {
    expect(announcement(heard({ phase: WRITE, withheld: 3 }), heard({ phase: WRITE, withheld: 4 }), t)).toBeNull();
    // A renamed current phase is the same phase.
    expect(announcement(heard({ phase: WRITE }), heard({ phase: { ...WRITE, title: 'Write now' } }), t)).toBeNull();
  });

  it('says the new phase with its instruction, or that no phase runs', () => {
    expect(announcement(heard(), heard({ phase: WRITE }), t)).toBe('Phase now: Write. Write your own thoughts.');
    expect(announcement(heard({ phase: WRITE }), heard(), t)).toBe('No phase is running now.');
  });

  it('leaves out a blank instruction', () => {
    expect(announcement(heard(), heard({ phase: DISCUSS }), t)).toBe('Phase now: Discuss.');
  });

  it('says the notes are shown when withheld notes reach none outside private writing', () => {
    expect(announcement(heard({ phase: WRITE, withheld: 4 }), heard({ phase: DISCUSS }), t)).toBe(
      'Phase now: Discuss. The notes are now shown to everyone.',
    );
    // The last private note deleted while writing is still private is no reveal.
    expect(announcement(heard({ phase: WRITE, withheld: 1 }), heard({ phase: WRITE }), t)).toBeNull();
  });

  it('says when the board is locked and unlocked', () => {
    expect(announcement(heard(), heard({ boardLocked: true }), t)).toBe('The facilitator locked the board.');
    expect(announcement(heard({ boardLocked: true }), heard(), t)).toBe('The facilitator unlocked the board.');
  });
});

describe('announcementParts', () => {
  it('marks the phase’s title and instruction as board content, the rest as the UI’s words', () => {
    const parts = announcementParts(heard({ withheld: 2 }), heard({ phase: { ...WRITE, private_notes: false } }), (k) => en[k]);
    expect(parts).toEqual([
      { text: 'Phase now: ', content: false },
      { text: 'Write', content: true },
      { text: '.', content: false },
      { text: ' ', content: false },
      { text: 'Write your own thoughts.', content: true },
      { text: ' ', content: false },
      { text: 'The notes are now shown to everyone.', content: false },
    ]);
  });
});
