/**
 * A participant's group on their own screen: the sections are the groups, and a participant who
 * sits in one sees it first, with the one note box, and the other groups folded below it. What
 * the server counts is presence only (see docs/protocol.md, "Groups"); this decides the layout.
 */

import type { Role, Section, SectionId } from '../protocol/generated';

/**
 * The section of the participant's group, as the board has it now. A group whose section was
 * deleted (or a table QR code from another board) is no group, as it is for the server.
 */
export function knownGroup(sections: readonly Section[], group: SectionId | null): Section | null {
  return group === null ? null : (sections.find((s) => s.id === group) ?? null);
}

/** The sections in the order a viewer sees them, and which one is theirs (`null`: none). */
export interface GroupLayout {
  mine: Section | null;
  sections: Section[];
}

/**
 * A participant in a group gets their group's section first and the others after it, in board
 * order; everyone else (facilitators, the projector, a participant in no group) the board's order.
 */
export function groupLayout(sections: readonly Section[], group: SectionId | null, role: Role | null): GroupLayout {
  const mine = role === 'participant' ? knownGroup(sections, group) : null;
  if (!mine) return { mine: null, sections: [...sections] };
  return { mine, sections: [mine, ...sections.filter((s) => s.id !== mine.id)] };
}

/** What decides whether a participant is asked to pick a group. */
export interface GroupQuestion {
  role: Role | null;
  sections: readonly Section[];
  group: SectionId | null;
  /** They picked before ("no group" counts), or a table QR code picked for them. */
  chosen: boolean;
}

/**
 * Whether to ask: a participant on a board with sections who has not picked yet, or whose group
 * is gone. Nobody else sits in a group.
 */
export function asksForGroup(q: GroupQuestion): boolean {
  if (q.role !== 'participant' || q.sections.length === 0) return false;
  if (!q.chosen) return true;
  return q.group !== null && knownGroup(q.sections, q.group) === null;
}

/** Participants online in `section`'s group, from presence (absent: nobody). */
export function onlineIn(groups: Readonly<Record<SectionId, number>>, section: SectionId): number {
  return groups[section] ?? 0;
}
