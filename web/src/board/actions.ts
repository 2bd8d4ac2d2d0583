/**
 * Intents that make new ids. The client makes every new entity's id (UUIDv7, so a resent op
 * creates nothing twice); this is the one place that does, so components never call the
 * generator themselves.
 */

import { blankPhase } from './phase-list';
import type { Colour, Op, Phase, SectionId } from '../protocol/generated';
import { uuidv7 } from '../sync/uuidv7';

type MakeId = () => string;

/** A new note at the end of `section`. The text is sent as typed (line breaks and all). */
export function postNote(
  section: SectionId,
  text: string,
  colour: Colour,
  makeId: MakeId = uuidv7,
): Extract<Op, { type: 'post_note' }> {
  return { type: 'post_note', id: makeId(), section, text, colour };
}

/** A new section, last on the board. */
export function addSection(title: string, colour: Colour, makeId: MakeId = uuidv7): Extract<Op, { type: 'add_section' }> {
  return { type: 'add_section', id: makeId(), title: title.trim(), colour };
}

/** A phase for the list editor; it exists on the board once the list is saved. */
export function newPhase(makeId: MakeId = uuidv7): Phase {
  return blankPhase(makeId());
}
