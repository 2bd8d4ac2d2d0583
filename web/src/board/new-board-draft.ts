/**
 * The create form's draft of a new board: what a template fills in, whether the facilitator
 * has changed any of it since (so picking another template or language does not throw typed
 * work away unasked), and the request it becomes. Phases carry form-only ids so the phase
 * fields can be keyed and focused; the server gives the board's phases their own.
 */

import { tidyPhases } from './phase-list';
import type { Colour, CreateBoard, Language, Phase, Template, TemplateKind } from '../protocol/generated';
import { uuidv7 } from '../sync/uuidv7';

export interface SectionRow {
  /** Keys the row's fields in the form; not sent. */
  key: string;
  title: string;
  colour: Colour;
}

export interface NewBoardDraft {
  title: string;
  description: string;
  sections: SectionRow[];
  phases: Phase[];
}

/** The template of `kind` in `language`, if the list has it. */
export function findTemplate(
  templates: readonly Template[],
  kind: TemplateKind,
  language: Language,
): Template | undefined {
  return templates.find((t) => t.kind === kind && t.language === language);
}

/** A fresh draft with everything `template` sets. */
export function draftFrom(template: Template, makeId: () => string = uuidv7): NewBoardDraft {
  const board = template.board;
  return {
    title: board.title,
    description: board.description,
    sections: board.sections.map((s) => ({ key: makeId(), title: s.title, colour: s.colour })),
    phases: (board.phases ?? []).map((p) => ({ id: makeId(), ...p })),
  };
}

/** What a draft would send, without form-only keys, for comparing two drafts. */
function content(draft: NewBoardDraft) {
  return JSON.stringify({
    title: draft.title,
    description: draft.description,
    sections: draft.sections.map(({ title, colour }) => ({ title, colour })),
    phases: draft.phases.map(({ id: _id, ...rest }) => rest),
  });
}

/** Whether the facilitator has changed anything since `template` filled the draft in. */
export function changedSince(draft: NewBoardDraft, template: Template | undefined): boolean {
  const start: NewBoardDraft = template ? draftFrom(template) : { title: '', description: '', sections: [], phases: [] };
  return content(draft) !== content(start);
}

/**
 * The create request. `phases` is left out when no template could be loaded (the draft then
 * has none to show), and the server gives the board the default ones.
 */
export function createRequest(draft: NewBoardDraft, language: Language, withPhases: boolean): CreateBoard {
  const request: CreateBoard = {
    title: draft.title.trim(),
    description: draft.description.trim(),
    language,
    sections: draft.sections.map((s) => ({ title: s.title.trim(), colour: s.colour })),
  };
  if (withPhases) request.phases = tidyPhases(draft.phases).map(({ id: _id, ...phase }) => phase);
  return request;
}
