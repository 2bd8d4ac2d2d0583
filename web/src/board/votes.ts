/**
 * Dot voting as the UI reads it: who may vote and see totals, how many votes are left, whether
 * one more may go on a note, and notes ranked by their totals. The server keeps the budget
 * (shared/src/apply/votes.rs); this only says beforehand what it would answer.
 */

import type { Note, VoteCounts, VoteTarget, VotingRules } from '../protocol/generated';
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

/** How much of a note's text names it in a button's label: enough to tell notes apart. */
const LABEL_CHARS = 40;

/** The start of `text` on one line, cut at `LABEL_CHARS` with an ellipsis, to name a note. */
export function textStart(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= LABEL_CHARS ? line : `${chars.slice(0, LABEL_CHARS - 1).join('').trimEnd()}…`;
}
