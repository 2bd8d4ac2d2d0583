/**
 * A note card's accessible name: where it is, who wrote it, its colour and its votes ("Note in
 * Kotihoito, written by Aino, yellow, 3 votes"), so a screen reader's list of notes tells them
 * apart before their text (the card's description) is read. `votes` is null where this screen
 * does not show the totals.
 */

import type { MessageKey } from '../i18n/en';
import type { MessageVars } from '../i18n/interpolate';

type Translate = (key: MessageKey, vars?: MessageVars) => string;

export function noteName(
  t: Translate,
  { section, author, colour, votes }: { section: string; author: string; colour: string; votes: number | null },
): string {
  const name = t('noteName', { section, author, colour: colour.toLocaleLowerCase() });
  if (votes === null) return name;
  return `${name}, ${votes === 1 ? t('voteTotalOne') : t('voteTotalMany', { count: votes })}`;
}
