/**
 * Which notes just arrived on a screen, so that the projector can highlight them for a moment:
 * notes posted while the screen is open, and notes that a reveal shows. The notes that were on
 * the board when it first appeared are not new to anyone, and neither is a note that only
 * moved or changed.
 */

import type { NoteId } from '../protocol/generated';

/** How long a new note stays marked, in ms; the projector's highlight animation lasts as long. */
export const ARRIVAL_HIGHLIGHT_MS = 4_000;

export class NoteArrivals {
  /** The notes on the board at the last update; `null` before the first. */
  #known: Set<NoteId> | null = null;
  /** New notes still marked, with when they arrived. */
  readonly #arrived = new Map<NoteId, number>();
  readonly #holdMs: number;

  constructor(holdMs = ARRIVAL_HIGHLIGHT_MS) {
    this.#holdMs = holdMs;
  }

  /**
   * Tells which notes are on the board `now` (ms); answers the ones that arrived less than
   * the hold time ago. The first call only learns what is there.
   */
  update(ids: Iterable<NoteId>, now: number): ReadonlySet<NoteId> {
    const current = new Set(ids);
    if (this.#known !== null) {
      for (const id of current) if (!this.#known.has(id)) this.#arrived.set(id, now);
    }
    // Gone notes (deleted) are forgotten; ids are never reused.
    this.#known = current;
    for (const [id, at] of this.#arrived) {
      if (!current.has(id) || now - at >= this.#holdMs) this.#arrived.delete(id);
    }
    return new Set(this.#arrived.keys());
  }

  /** When the next marked note stops being new (ms), for a timer; `null` when none is marked. */
  nextExpiry(): number | null {
    let next: number | null = null;
    for (const at of this.#arrived.values()) {
      const until = at + this.#holdMs;
      if (next === null || until < next) next = until;
    }
    return next;
  }
}
