/**
 * Dot voting as the UI reads it: who may vote and see totals, how many votes are left, whether
 * one more may go on a note, and notes and themes ranked by their totals. The server keeps the budget
 * (shared/src/apply/votes.rs); this only says beforehand what it would answer.
 */

import type { Note, Section, SectionId, Theme, ThemeId, VoteCounts, VoteTarget, VotingRules } from '../protocol/generated';
import { countOn } from '../sync/board-state';
import type { Situation } from './permissions';

/** Participants vote (facilitators run the vote), while the phase opens voting and the board is unlocked. */
export function votingOpenFor(s: Situation): boolean {
  return s.role === 'participant' && (s.phase?.voting_open ?? false) && !s.boardLocked;
}

/** Whether `note` takes votes: one everyone may see (not private, not awaiting approval or hidden). */
export function votable(note: Note): boolean {
  return !note.private && note.status === 'visible';
}

/** Whether totals are shown: a facilitator always, everyone else while the phase shows votes. */
export function totalsShownTo(s: Situation): boolean {
  return s.role === 'facilitator' || (s.phase?.votes_shown ?? false);
}

/** All the votes in `counts`, on notes and themes together. */
export function spent(counts: VoteCounts): number {
  let sum = 0;
  for (const n of Object.values(counts.notes)) sum += n ?? 0;
  for (const n of Object.values(counts.themes)) sum += n ?? 0;
  return sum;
}

export function votesLeft(rules: VotingRules, mine: VoteCounts): number {
  return Math.max(0, rules.budget - spent(mine));
}

/** Whether one more vote may go on `target`: budget left, and stacking allowed if one is there. */
export function mayAddVote(rules: VotingRules, mine: VoteCounts, target: VoteTarget): boolean {
  return votesLeft(rules, mine) > 0 && (rules.stacking || countOn(mine, target) === 0);
}

/** `notes` by their totals, most first; ties keep their board order. */
export function rankByVotes<N extends Note>(notes: readonly N[], totals: VoteCounts): N[] {
  const total = (n: N) => countOn(totals, { kind: 'note', id: n.id });
  return notes
    .map((note, at) => ({ note, at, votes: total(note) }))
    .sort((a, b) => b.votes - a.votes || a.at - b.at)
    .map((e) => e.note);
}

/** One group's notes, ranked within it. */
export type GroupResults<S extends Pick<Section, 'id'>, N extends Note> = { section: S; notes: N[] };

/**
 * `notes` ranked within their groups: one entry per group of `sections`, in the order given
 * (board order), each group's notes most voted first (ties in the order given). A group with
 * no notes is there with none; a note of no listed group is left out.
 */
export function rankWithinGroups<S extends Pick<Section, 'id'>, N extends Note>(
  sections: readonly S[],
  notes: readonly N[],
  totals: VoteCounts,
): GroupResults<S, N>[] {
  const bySection = new Map<SectionId, N[]>(sections.map((s) => [s.id, []]));
  for (const note of notes) bySection.get(note.section)?.push(note);
  return sections.map((section) => ({ section, notes: rankByVotes(bySection.get(section.id) ?? [], totals) }));
}

/** A theme in the results: its own vote total and how many of the notes given it holds. */
export type ThemeResult = { theme: Theme; votes: number; notes: number };

/**
 * The themes worth a place in the results, most votes on the theme itself first (ties in the
 * order given, which for the board is the order they were made): those holding any of `notes`
 * or with votes of their own. Votes on a theme's notes are the notes' own, not the theme's.
 */
export function rankThemes(themes: readonly Theme[], notes: readonly Note[], totals: VoteCounts): ThemeResult[] {
  const held = new Map<ThemeId, number>();
  for (const note of notes) if (note.theme !== null) held.set(note.theme, (held.get(note.theme) ?? 0) + 1);
  return themes
    .map((theme, at) => ({ theme, at, votes: countOn(totals, { kind: 'theme', id: theme.id }), notes: held.get(theme.id) ?? 0 }))
    .filter((e) => e.votes > 0 || e.notes > 0)
    .sort((a, b) => b.votes - a.votes || a.at - b.at)
    .map(({ theme, votes, notes }) => ({ theme, votes, notes }));
}

/** How much of a note's text names it in a button's label: enough to tell notes apart. */
const LABEL_CHARS = 40;

/** The start of `text` on one line, cut at `LABEL_CHARS` with an ellipsis, to name a note. */
export function textStart(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= LABEL_CHARS ? line : `${chars.slice(0, LABEL_CHARS - 1).join('').trimEnd()}…`;
}
