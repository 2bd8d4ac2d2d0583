/**
 * What others do on the board, as a screen reader hears it: new, edited, moved and removed notes
 * and new sections, counted per section and said together once a few seconds have passed, so a
 * busy room is one sentence per section rather than a stream. Never the user's own changes
 * (board-sync leaves those out) and never a note's text: others' private notes are only counted,
 * and so is everything else.
 */

import type { Change, Note, NoteId, Section, SectionId } from '../protocol/generated';

/** How long others' changes are gathered before they are said. */
export const ACTIVITY_WINDOW_MS = 6_000;

export type ActivityKind = 'posted' | 'edited' | 'moved' | 'removed' | 'section_added';

/** One thing someone else did; `section` is where it happened (for a move, where it went). */
export interface Activity {
  kind: ActivityKind;
  section: SectionId;
  /** The section's title as it was then; board content, in the board's language. */
  title: string;
}

/** The board as it was before the changes: what tells a new note from an edited one. */
export interface BoardBefore {
  note(id: NoteId): Note | undefined;
  section(id: SectionId): Section | undefined;
  /** The section of a note this viewer only counts (someone's private note), if it is one. */
  hiddenSection(id: NoteId): SectionId | undefined;
}

/**
 * What one `applied` from someone else did, read against the board before it. A note that was
 * only counted and now shows was revealed, which the phase announcement already says; a change of
 * order, theme or moderation status alone is not said.
 */
export function activitiesOf(changes: readonly Change[], before: BoardBefore): Activity[] {
  const out: Activity[] = [];
  const titleOf = (id: SectionId): string =>
    changes.reduce<string | null>((t, c) => (c.type === 'section' && c.section.id === id ? c.section.title : t), null) ??
    before.section(id)?.title ??
    '';
  const add = (kind: ActivityKind, section: SectionId) => out.push({ kind, section, title: titleOf(section) });
  for (const change of changes) {
    switch (change.type) {
      case 'section':
        if (!before.section(change.section.id)) add('section_added', change.section.id);
        break;
      case 'note': {
        const was = before.note(change.note.id);
        if (was) {
          if (was.section !== change.note.section) add('moved', change.note.section);
          else if (was.text !== change.note.text) add('edited', change.note.section);
        } else if (before.hiddenSection(change.note.id) === undefined) {
          add('posted', change.note.section);
        }
        break;
      }
      case 'hidden_note': {
        // Every change of someone's private note reaches others as this: where it is, no more.
        if (before.note(change.id)) break;
        const was = before.hiddenSection(change.id);
        if (was === undefined) add('posted', change.section);
        else if (was !== change.section) add('moved', change.section);
        else add('edited', change.section);
        break;
      }
      case 'note_removed': {
        const section = before.note(change.id)?.section ?? before.hiddenSection(change.id);
        if (section !== undefined) add('removed', section);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** One sentence of the summary: how many of one kind in one section. */
export interface ActivitySentence {
  kind: ActivityKind;
  count: number;
  title: string;
}

/** Counts per section and kind, sections in the order things first happened in them. */
export function summarise(activities: readonly Activity[]): ActivitySentence[] {
  const order: ActivityKind[] = ['section_added', 'posted', 'edited', 'moved', 'removed'];
  const bySection = new Map<SectionId, Map<ActivityKind, ActivitySentence>>();
  for (const a of activities) {
    let kinds = bySection.get(a.section);
    if (!kinds) bySection.set(a.section, (kinds = new Map()));
    const s = kinds.get(a.kind);
    if (s) s.count += 1;
    else kinds.set(a.kind, { kind: a.kind, count: 1, title: a.title });
  }
  const out: ActivitySentence[] = [];
  for (const kinds of bySection.values()) {
    for (const kind of order) {
      const s = kinds.get(kind);
      if (s) out.push(s);
    }
  }
  return out;
}

/** The message key for a sentence: one or many, per kind. */
export function sentenceKey(s: ActivitySentence) {
  const one = s.count === 1;
  switch (s.kind) {
    case 'section_added':
      return 'activitySectionAdded' as const;
    case 'posted':
      return one ? ('activityPostedOne' as const) : ('activityPostedMany' as const);
    case 'edited':
      return one ? ('activityEditedOne' as const) : ('activityEditedMany' as const);
    case 'moved':
      return one ? ('activityMovedOne' as const) : ('activityMovedMany' as const);
    case 'removed':
      return one ? ('activityRemovedOne' as const) : ('activityRemovedMany' as const);
  }
}

/**
 * A message split around its `{section}` placeholder, so the section's title can be marked up in
 * the board's language between the two halves. A message without one is all `before`.
 */
export function aroundSection(message: string): { before: string; after: string } {
  const at = message.indexOf('{section}');
  if (at < 0) return { before: message, after: '' };
  return { before: message.slice(0, at), after: message.slice(at + '{section}'.length) };
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Gathers activities and hands them over together: the first one after a quiet spell starts the
 * window, and when it ends everything gathered is said at once.
 */
export class ActivityDigest {
  readonly #say: (sentences: ActivitySentence[]) => void;
  readonly #timers: Timers;
  readonly #windowMs: number;
  #gathered: Activity[] = [];
  #timer: unknown = null;

  constructor(say: (sentences: ActivitySentence[]) => void, windowMs = ACTIVITY_WINDOW_MS, timers: Timers = globalThis) {
    this.#say = say;
    this.#windowMs = windowMs;
    this.#timers = timers;
  }

  add(activities: readonly Activity[]): void {
    if (activities.length === 0) return;
    this.#gathered.push(...activities);
    if (this.#timer === null) this.#timer = this.#timers.setTimeout(() => this.#flush(), this.#windowMs);
  }

  /** Drops what was gathered and not yet said (the page is closing, or the user turned it off). */
  clear(): void {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#gathered = [];
  }

  #flush(): void {
    this.#timer = null;
    const sentences = summarise(this.#gathered);
    this.#gathered = [];
    if (sentences.length > 0) this.#say(sentences);
  }
}
