/**
 * Candidate notes for a theme: notes in OTHER groups that share words with the theme's notes,
 * so a facilitator sees that group 2's "kotihoidon resurssit" and group 5's "kotihoito
 * tarvitsee lisää väkeä" say the same thing. Deliberately crude: words are lowercased and
 * stripped of punctuation, and two words count as one when they share a long enough start,
 * which folds most Finnish (and Swedish) inflection ("palvelut"/"palveluiden") without a
 * dictionary. It only suggests; the facilitator decides.
 */

import type { Note, ThemeId } from '../protocol/generated';

/** Words shorter than this carry too little to match on (ja, on, ei, och, the…). */
const MIN_WORD = 4;
/** Two words match when they share this many first letters at least… */
const MIN_SHARED_START = 4;
/** …and differ only in their last this-many letters of the shorter one (the ending). */
const MAX_ENDING = 3;

/** Common words long enough to pass `MIN_WORD` that say nothing about a note's subject. */
const STOP_WORDS = new Set([
  'että', 'mutta', 'sekä', 'kuin', 'myös', 'joka', 'jotka', 'tämä', 'nämä', 'siis', 'vain', 'ovat', 'olla', 'kaikki', 'paljon',
  'eller', 'inte', 'även', 'från', 'till', 'också', 'som', 'alla', 'mycket',
  'with', 'that', 'this', 'from', 'have', 'there', 'they', 'about', 'more', 'very',
]);

/** A note's words, lowercased, without punctuation, short and common words left out. */
export function words(text: string): string[] {
  const all = text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return [...new Set(all.filter((w) => [...w].length >= MIN_WORD && !STOP_WORDS.has(w)))];
}

/** Whether two words are the same word, inflected: "kotihoito" and "kotihoidon" are. */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const x = [...a];
  const y = [...b];
  let shared = 0;
  while (shared < x.length && shared < y.length && x[shared] === y[shared]) shared++;
  return shared >= MIN_SHARED_START && shared >= Math.min(x.length, y.length) - MAX_ENDING;
}

export interface Suggestion {
  note: Note;
  /** The candidate's words that matched, as written in it. */
  shared: string[];
}

/**
 * Notes worth adding to `theme`: not in it yet, in another group than a theme note they share
 * words with; most shared words first, then oldest first. Without notes in the theme there is
 * nothing to compare with, and nothing is suggested.
 */
export function themeSuggestions(theme: ThemeId, notes: readonly Note[]): Suggestion[] {
  const seeds = notes.filter((n) => n.theme === theme).map((n) => ({ section: n.section, words: words(n.text) }));
  const found: Suggestion[] = [];
  for (const note of notes) {
    // A note the room cannot see (pending, hidden, still private) is not offered for a theme.
    if (note.theme === theme || note.status !== 'visible' || note.private) continue;
    const mine = words(note.text);
    const shared = mine.filter((w) => seeds.some((s) => s.section !== note.section && s.words.some((v) => sameWord(w, v))));
    if (shared.length > 0) found.push({ note, shared });
  }
  return found.sort((a, b) => b.shared.length - a.shared.length || a.note.created_at - b.note.created_at);
}
