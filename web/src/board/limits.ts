/**
 * The server's limits on board content (shared/src/limits.rs, docs/protocol.md), checked here
 * too so that people hear about them before they send, not after. The server stays the judge.
 */

export const MAX_BOARD_TITLE_CHARS = 120;
export const MAX_DESCRIPTION_CHARS = 5_000;
export const MAX_SECTION_TITLE_CHARS = 80;
export const MAX_NOTE_TEXT_CHARS = 1_000;
export const MAX_NAME_CHARS = 40;
export const MAX_SECTIONS = 30;

/** Length as the server counts it: Unicode scalar values, so "ä" and "👍" are one each. */
export function charCount(text: string): number {
  return [...text].length;
}
