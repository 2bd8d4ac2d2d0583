/**
 * What a screen reader hears when the room's state changes under it: a new phase (its title and
 * instruction), the reveal, and the board lock. Said once, politely, from one live region
 * (BoardAnnouncer); nothing is said for the state a board opens with.
 */

import type { MessageKey } from '../i18n/en';
import type { MessageVars } from '../i18n/interpolate';
import type { Phase } from '../protocol/generated';

type Translate = (key: MessageKey, vars?: MessageVars) => string;

/** The parts of the room that are announced when they change. */
export interface Heard {
  phase: Phase | null;
  boardLocked: boolean;
  /** Notes this viewer sees as private or only counts as hidden. */
  withheld: number;
}

export function announcement(before: Heard, after: Heard, t: Translate): string | null {
  const said: string[] = [];
  if (before.phase?.id !== after.phase?.id) {
    if (after.phase) {
      said.push(t('announcePhase', { title: after.phase.title }));
      if (after.phase.instruction.trim()) said.push(after.phase.instruction.trim());
    } else {
      said.push(t('announceNoPhase'));
    }
  }
  // Withheld notes drop to none while deleting a private note in a private phase too: only a
  // board that no longer keeps notes private has revealed them.
  if (before.withheld > 0 && after.withheld === 0 && !after.phase?.private_notes) said.push(t('announceRevealed'));
  if (before.boardLocked !== after.boardLocked) said.push(t(after.boardLocked ? 'announceBoardLocked' : 'announceBoardUnlocked'));
  return said.length > 0 ? said.join(' ') : null;
}
