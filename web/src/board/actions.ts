/**
 * Intents that make new ids. The client makes every new entity's id (UUIDv7, so a resent op
 * creates nothing twice); this is the one place that does, so components never call the
 * generator themselves.
 */

import { blankPhase } from './phase-list';
import type { Colour, NoteId, Op, Phase, SectionId } from '../protocol/generated';
import { uuidv7 } from '../sync/uuidv7';

type MakeId = () => string;

/**
 * A new note at the end of `section`. The text is sent as typed (line breaks and all). A
 * facilitator may post it on someone's behalf (`onBehalfOf`, e.g. "Table 3"): that label is
 * trimmed and shows as its author; a blank one is left out.
 */
export function postNote(
  section: SectionId,
  text: string,
  colour: Colour,
  { onBehalfOf, makeId = uuidv7 }: { onBehalfOf?: string; makeId?: MakeId } = {},
): Extract<Op, { type: 'post_note' }> {
  const label = onBehalfOf?.trim();
  const op: Extract<Op, { type: 'post_note' }> = { type: 'post_note', id: makeId(), section, text, colour };
  return label ? { ...op, on_behalf_of: label } : op;
}

/** A new comment under `note`, its text as typed. */
export function postComment(note: NoteId, text: string, makeId: MakeId = uuidv7): Extract<Op, { type: 'post_comment' }> {
  return { type: 'post_comment', id: makeId(), note, text };
}

/** A new theme, listed last. */
export function addTheme(title: string, makeId: MakeId = uuidv7): Extract<Op, { type: 'add_theme' }> {
  return { type: 'add_theme', id: makeId(), title: title.trim() };
}

/** A new section, last on the board. */
export function addSection(title: string, colour: Colour, makeId: MakeId = uuidv7): Extract<Op, { type: 'add_section' }> {
  return { type: 'add_section', id: makeId(), title: title.trim(), colour };
}

/** A phase for the list editor; it exists on the board once the list is saved. */
export function newPhase(makeId: MakeId = uuidv7): Phase {
  return blankPhase(makeId());
}

/** A new task, last in the list, optionally made from a note (kept as a link). */
export function addTask(
  fields: { title: string; owner: string; due: string | null },
  { fromNote, makeId = uuidv7 }: { fromNote?: NoteId; makeId?: MakeId } = {},
): Extract<Op, { type: 'add_task' }> {
  const op: Extract<Op, { type: 'add_task' }> = { type: 'add_task', id: makeId(), ...fields };
  return fromNote ? { ...op, from_note: fromNote } : op;
}
