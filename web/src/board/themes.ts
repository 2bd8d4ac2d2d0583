/**
 * Themes as the UI reads them: what is wrong with a theme's name before it is sent (the server
 * checks the same, shared/src/apply/themes.rs), and which of the notes one sees a theme holds.
 */

import type { MessageKey } from '../i18n/en';
import type { Note, ThemeId } from '../protocol/generated';
import { MAX_THEME_TITLE_CHARS, charCount, isBlank } from './limits';

/** Why `title` cannot name a theme (its message takes `max`), or null when it can. */
export function themeTitleProblem(title: string): MessageKey | null {
  if (isBlank(title)) return 'themeEmpty';
  if (charCount(title.trim()) > MAX_THEME_TITLE_CHARS) return 'themeTooLong';
  return null;
}

/** The notes of `notes` gathered into `theme`, in the order given. */
export function notesInTheme(theme: ThemeId, notes: readonly Note[]): Note[] {
  return notes.filter((n) => n.theme === theme);
}
