/**
 * Workshops in parts: the title the next part starts with, in the board's language (it is
 * board content, not UI text), and the bounds of how many notes it may carry.
 */

import { MAX_CARRIED_NOTES } from './limits';
import type { Language } from '../protocol/generated';

const PART: Record<Language, string> = { fi: 'osa', sv: 'del', en: 'part' };

/** "Palveluverkko tutuksi" → "Palveluverkko tutuksi – osa 2"; a title already "…, osa 1" → "…, osa 2". */
export function nextPartTitle(title: string, language: Language, part: number): string {
  const word = PART[language];
  const numbered = new RegExp(`^(.*?)([\\s,–-]+)${word} \\d+$`, 'iu');
  const match = title.trim().match(numbered);
  return match ? `${match[1]}${match[2]}${word} ${part}` : `${title.trim()} – ${word} ${part}`;
}

/** The facilitator's choice of how many notes to carry, kept within what the server takes. */
export function carriedCount(asked: number): number {
  if (!Number.isFinite(asked)) return 0;
  return Math.min(MAX_CARRIED_NOTES, Math.max(0, Math.round(asked)));
}
