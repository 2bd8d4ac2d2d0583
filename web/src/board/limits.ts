/**
 * The server's limits on board content (shared/src/limits.rs, docs/protocol.md), checked here
 * too so that people hear about them before they send, not after. The server stays the judge;
 * limits.test.ts checks every `MAX_*` here against the Rust file.
 */

export const MAX_BOARD_TITLE_CHARS = 120;
export const MAX_DESCRIPTION_CHARS = 5_000;
export const MAX_SECTION_TITLE_CHARS = 80;
export const MAX_NOTE_TEXT_CHARS = 1_000;
export const MAX_NAME_CHARS = 40;
export const MAX_SECTIONS = 30;
export const MAX_PHASES = 20;
export const MAX_PHASE_TITLE_CHARS = 60;
export const MAX_INSTRUCTION_CHARS = 1_000;
export const MAX_COMMENT_TEXT_CHARS = 500;
export const MAX_THEME_TITLE_CHARS = 80;
export const MAX_FEEDBACK_CHARS = 2_000;
export const MAX_VOTE_BUDGET = 50;
export const MAX_TASKS = 200;
export const MAX_TASK_TITLE_CHARS = 200;
export const MAX_TASK_OWNER_CHARS = 80;
export const MAX_TIMER_MS = 8 * 60 * 60 * 1000;
export const MAX_CARRIED_NOTES = 30;

/** Length as the server counts it: Unicode scalar values, so "ä" and "👍" are one each. */
export function charCount(text: string): number {
  return [...text].length;
}

/**
 * Whether a text would show as nothing: only whitespace and Unicode's default-ignorable code
 * points (zero-width spaces and joiners, directional marks, variation selectors, tags). The
 * server treats such a text as empty (shared/src/blank.rs has the same set).
 */
export function isBlank(text: string): boolean {
  return INVISIBLE_ONLY.test(text);
}

/** Unicode's `Default_Ignorable_Code_Point` set, as a character class body. */
const DEFAULT_IGNORABLE = String.raw`\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFF8\u{1BCA0}-\u{1BCA3}\u{1D173}-\u{1D17A}\u{E0000}-\u{E0FFF}`;
const INVISIBLE_ONLY = new RegExp(String.raw`^[\s${DEFAULT_IGNORABLE}]*$`, 'u');
const INVISIBLE = new RegExp(`^[${DEFAULT_IGNORABLE}]$`, 'u');

/** Whether one character (a code point) shows as nothing even where whitespace would show. */
export function isInvisible(char: string): boolean {
  return INVISIBLE.test(char);
}
