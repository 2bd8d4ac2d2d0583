/**
 * What a screen reader hears when the room's state changes under it: a new phase (its title and
 * instruction), the reveal, and the board lock. Said once, politely, from one live region
 * (BoardAnnouncer); nothing is said for the state a board opens with.
 */

import { contentParts, type MessagePart } from '../i18n/content-parts';
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
  const parts = announcementParts(before, after, (key) => t(key));
  return parts ? parts.map((p) => p.text).join('') : null;
}

/**
 * The announcement cut into the UI's words and the board's content (the phase's title and
 * instruction), so that the content can be read in the board's language. `raw` gives a message
 * with its placeholders unfilled.
 */
export function announcementParts(before: Heard, after: Heard, raw: (key: MessageKey) => string): MessagePart[] | null {
  const said: MessagePart[][] = [];
  if (before.phase?.id !== after.phase?.id) {
    if (after.phase) {
      said.push(contentParts(raw('announcePhase'), { title: after.phase.title }));
      const instruction = after.phase.instruction.trim();
      if (instruction) said.push([{ text: instruction, content: true }]);
    } else {
      said.push(contentParts(raw('announceNoPhase'), {}));
    }
  }
  // Withheld notes drop to none while deleting a private note in a private phase too: only a
  // board that no longer keeps notes private has revealed them.
  if (before.withheld > 0 && after.withheld === 0 && !after.phase?.private_notes) said.push(contentParts(raw('announceRevealed'), {}));
  if (before.boardLocked !== after.boardLocked) said.push(contentParts(raw(after.boardLocked ? 'announceBoardLocked' : 'announceBoardUnlocked'), {}));
  if (said.length === 0) return null;
  return said.flatMap((parts, i) => (i === 0 ? parts : [{ text: ' ', content: false }, ...parts]));
}
