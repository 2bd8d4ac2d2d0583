/**
 * What the UI offers, by role × phase × lock: the server's rules (shared/src/apply/notes.rs)
 * read before anyone acts, so a person sees that something is closed, and why, before typing.
 * The server stays the judge; a race (a lock arriving after Post) still ends in
 * `rejected{locked}` or `rejected{posting_closed}`, which the notices explain.
 */

import type { Note, ParticipantId, Phase, Role, Section } from '../protocol/generated';

/** Who is looking, and the board-wide state that decides what they may do. */
export interface Situation {
  /**
   * `null` until the server has welcomed us. Such a viewer is offered what a participant gets
   * (a post made now is queued and judged by the server later), and owns no note yet.
   */
  role: Role | null;
  participant: ParticipantId | null;
  phase: Phase | null;
  boardLocked: boolean;
}

/** Why something is not offered; the UI words it. */
export type Closed =
  /** The projector shows the board and never changes it. */
  | 'read_only'
  /** Someone else's note. */
  | 'not_yours'
  | 'board_locked'
  | 'section_locked'
  /** The current phase has posting switched off. */
  | 'posting_closed';

export type Offer<Open extends object = object> = ({ open: true } & Open) | { open: false; why: Closed };

/** Facilitators steer the phases, the locks and the projector, and may change every note. */
export function facilitates(s: Situation): boolean {
  return s.role === 'facilitator';
}

/**
 * The projector shows the board and never changes it. A viewer not yet welcomed is not read-only:
 * its composer shows, so a participant's board does not shift when the welcome arrives.
 */
export function readOnly(s: Situation): boolean {
  return s.role === 'projector';
}

/**
 * Whether a new note may be posted in `section` (without one: anywhere, as far as the board and
 * the phase go), and if so whether only its writer and the facilitators would see it. Locks
 * come first, as on the server: a locked section says "locked" even in a phase that takes no
 * notes. A facilitator's note is never private.
 */
export function posting(s: Situation, section?: Section): Offer<{ private: boolean }> {
  if (readOnly(s)) return { open: false, why: 'read_only' };
  if (facilitates(s)) return { open: true, private: false };
  const locked = lockedFor(s, section);
  if (locked) return { open: false, why: locked };
  if (s.phase && !s.phase.posting_open) return { open: false, why: 'posting_closed' };
  return { open: true, private: s.phase?.private_notes ?? false };
}

/** What the phase and the board lock mean for new notes, as the banner and the projector say it. */
export type PostingCondition = 'private' | 'posting_closed' | 'board_locked';

/**
 * What to tell `s` about new notes anywhere on the board, from `posting()`: private until
 * revealed, no new notes, or the board locked. A section's own lock is told at the section, and
 * the projector, which posts nothing, is told nothing (it asks on a participant's behalf).
 */
export function postingConditions(s: Situation): PostingCondition[] {
  const offer = posting(s);
  if (offer.open) return offer.private ? ['private'] : [];
  return offer.why === 'posting_closed' || offer.why === 'board_locked' ? [offer.why] : [];
}

/** Whether `note` (in `section`) may be edited, recoloured, moved or deleted. */
export function noteChanges(s: Situation, note: Note, section: Section | undefined): Offer {
  if (readOnly(s)) return { open: false, why: 'read_only' };
  if (facilitates(s)) return { open: true };
  if (s.participant === null || note.author !== s.participant) return { open: false, why: 'not_yours' };
  const locked = lockedFor(s, section);
  if (locked) return { open: false, why: locked };
  return { open: true };
}

/** The other sections `note` may be moved to: a participant cannot move a note into a locked one. */
export function moveTargets(s: Situation, note: Note, sections: readonly Section[]): Section[] {
  return sections.filter((t) => t.id !== note.section && (facilitates(s) || !lockedFor(s, t)));
}

/** How a note is marked: public, private to its writer (you), or private to someone else. */
export type Privacy = 'public' | 'yours' | 'writers';

export function privacyOf(s: Situation, note: Note): Privacy {
  if (!note.private) return 'public';
  return s.participant !== null && note.author === s.participant ? 'yours' : 'writers';
}

/** The lock that stops a participant changing things in `section`, if any; callers let facilitators past. */
export function lockedFor(s: Situation, section: Section | undefined): 'board_locked' | 'section_locked' | null {
  if (s.boardLocked) return 'board_locked';
  if (section?.locked) return 'section_locked';
  return null;
}
