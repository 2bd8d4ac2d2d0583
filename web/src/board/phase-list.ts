/**
 * The workshop's phases as the facilitator steers and edits them: what moving to a phase (or
 * saving an edited list) would reveal, what comes next, and the checks and steps of the list
 * editor. Plain functions over the protocol's `Phase`; the server's rules are in
 * shared/src/apply/phases.rs.
 */

import { MAX_INSTRUCTION_CHARS, MAX_PHASES, MAX_PHASE_TITLE_CHARS, charCount, isBlank } from './limits';
import type { Phase, PhaseId } from '../protocol/generated';

/**
 * How many private notes become visible to everyone when the board is (now) in `target`:
 * the server reveals every private note whenever the current phase does not keep notes private,
 * whether it got there by `go_to_phase` or because `set_phases` switched privacy off.
 */
export function revealedBy(target: Phase | null, privateNotes: number): number {
  return target?.private_notes ? 0 : privateNotes;
}

/** The phase after the current one (the first when none has started), or `null` after the last. */
export function nextPhase(phases: readonly Phase[], current: PhaseId | null): Phase | null {
  if (current === null) return phases[0] ?? null;
  const i = phases.findIndex((p) => p.id === current);
  return i < 0 ? null : (phases[i + 1] ?? null);
}

/** 1-based place of the phase in the list, for "Phase 2 of 4"; `null` when it is not in it. */
export function phaseNumber(phases: readonly Phase[], id: PhaseId): number | null {
  const i = phases.findIndex((p) => p.id === id);
  return i < 0 ? null : i + 1;
}

/** A phase the facilitator adds: open for posting, nothing private, no voting. */
export function blankPhase(id: PhaseId): Phase {
  return {
    id,
    title: '',
    instruction: '',
    posting_open: true,
    private_notes: false,
    voting_open: false,
    votes_shown: false,
  };
}

/** The list with the phase at `index` moved one step earlier (-1) or later (+1); unchanged at an end. */
export function stepPhase<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const moved = [...list];
  [moved[index], moved[to]] = [moved[to]!, moved[index]!];
  return moved;
}

export type PhaseProblem =
  | { phase: PhaseId; n: number; field: 'title'; problem: 'missing' | 'too_long' }
  | { phase: PhaseId; n: number; field: 'instruction'; problem: 'too_long' }
  | { phase: null; n: null; field: 'list'; problem: 'too_many' };

/** What the server would refuse in this list, phase by phase (`n` is 1-based), before it is sent. */
export function phaseProblems(phases: readonly Phase[]): PhaseProblem[] {
  const found: PhaseProblem[] = [];
  if (phases.length > MAX_PHASES) found.push({ phase: null, n: null, field: 'list', problem: 'too_many' });
  phases.forEach((p, i) => {
    const n = i + 1;
    if (isBlank(p.title)) found.push({ phase: p.id, n, field: 'title', problem: 'missing' });
    else if (charCount(p.title) > MAX_PHASE_TITLE_CHARS) found.push({ phase: p.id, n, field: 'title', problem: 'too_long' });
    if (charCount(p.instruction) > MAX_INSTRUCTION_CHARS)
      found.push({ phase: p.id, n, field: 'instruction', problem: 'too_long' });
  });
  return found;
}

/** The id of the field a problem is about (`phase-add` for the list as a whole). */
export function phaseFieldId(p: PhaseProblem): string {
  return p.field === 'list' ? 'phase-add' : `phase-${p.phase}-${p.field}`;
}

/** The list as it is sent: titles and instructions without surrounding whitespace. */
export function tidyPhases(phases: readonly Phase[]): Phase[] {
  return phases.map((p) => ({ ...p, title: p.title.trim(), instruction: p.instruction.trim() }));
}
