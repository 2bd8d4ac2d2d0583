/**
 * The client's copy of one board: the last snapshot plus every `applied` absorbed since.
 * It never re-runs business rules: the server sends effects (new versions of entities or their
 * removal) and this just upserts them in seq order.
 */

import type {
  Board,
  BoardMeta,
  Change,
  Note,
  NoteId,
  Phase,
  PhaseId,
  ProjectorSettings,
  Section,
  SectionId,
} from '../protocol/generated';

/** What happened to an `applied` handed to [`BoardState.absorb`]. */
export type Absorbed =
  /** It was the next seq and is now part of the state. */
  | 'applied'
  /** Its seq was already absorbed (a resent op's ack, or a replay after resume): ignored. */
  | 'duplicate'
  /** Seqs are missing before it, or there is no snapshot yet: ignored; resume to fill the gap. */
  | 'gap';

/**
 * Orders by `(order, id)`. Order keys and ids are ASCII, where JavaScript's UTF-16 comparison
 * is the same as the byte order the server uses.
 */
export function byOrderThenId(a: { order: string; id: string }, b: { order: string; id: string }): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

export class BoardState {
  #id: string | null = null;
  #meta: BoardMeta | null = null;
  #sections = new Map<SectionId, Section>();
  #notes = new Map<NoteId, Note>();
  /** Notes this viewer may not see yet, by id, with their section: only counted. */
  #hidden = new Map<NoteId, SectionId>();
  #phases: Phase[] = [];
  #phase: PhaseId | null = null;
  #locked = false;
  #projector: ProjectorSettings = { show_names: false, show_case: true };
  #seq: number | null = null;

  /** The newest seq absorbed, or `null` before the first snapshot (what `hello.last_seq` wants). */
  get seq(): number | null {
    return this.#seq;
  }

  get loaded(): boolean {
    return this.#meta !== null;
  }

  get id(): string | null {
    return this.#id;
  }

  get meta(): BoardMeta | null {
    return this.#meta;
  }

  get phases(): readonly Phase[] {
    return this.#phases;
  }

  /** The phase the board is in, or `null` before the facilitator starts one. */
  get currentPhase(): Phase | null {
    return this.#phases.find((p) => p.id === this.#phase) ?? null;
  }

  /** The whole board is locked against participants' changes. */
  get locked(): boolean {
    return this.#locked;
  }

  get projector(): ProjectorSettings {
    return this.#projector;
  }

  /** Replaces everything with a snapshot taken at `seq`. */
  replace(board: Board, seq: number): void {
    this.#id = board.id;
    this.#meta = board.meta;
    this.#sections = new Map(Object.entries(board.sections));
    this.#notes = new Map(Object.entries(board.notes));
    this.#hidden = new Map(Object.entries(board.hidden_notes));
    this.#phases = board.phases;
    this.#phase = board.phase;
    this.#locked = board.locked;
    this.#projector = board.projector;
    this.#seq = seq;
  }

  /** Absorbs the changes of the `applied` with this seq, if it is the next one. */
  absorb(seq: number, changes: readonly Change[]): Absorbed {
    if (this.#seq === null) return 'gap';
    if (seq <= this.#seq) return 'duplicate';
    if (seq !== this.#seq + 1) return 'gap';
    for (const change of changes) this.#upsert(change);
    this.#seq = seq;
    return 'applied';
  }

  #upsert(change: Change): void {
    switch (change.type) {
      case 'board':
        this.#meta = change.meta;
        break;
      case 'section':
        this.#sections.set(change.section.id, change.section);
        break;
      case 'section_removed':
        this.#sections.delete(change.id);
        break;
      case 'note':
        this.#hidden.delete(change.note.id);
        this.#notes.set(change.note.id, change.note);
        break;
      case 'hidden_note':
        this.#notes.delete(change.id);
        this.#hidden.set(change.id, change.section);
        break;
      case 'note_removed':
        this.#notes.delete(change.id);
        this.#hidden.delete(change.id);
        break;
      case 'phases':
        this.#phases = change.phases;
        break;
      case 'current_phase':
        this.#phase = change.id;
        break;
      case 'board_lock':
        this.#locked = change.locked;
        break;
      case 'projector':
        this.#projector = change.settings;
        break;
      case 'section_order': {
        const section = this.#sections.get(change.id);
        if (section) this.#sections.set(change.id, { ...section, order: change.order });
        break;
      }
      case 'note_order': {
        const note = this.#notes.get(change.id);
        if (note) this.#notes.set(change.id, { ...note, order: change.order });
        break;
      }
    }
  }

  section(id: SectionId): Section | undefined {
    return this.#sections.get(id);
  }

  note(id: NoteId): Note | undefined {
    return this.#notes.get(id);
  }

  /** How many notes in `section` this viewer may not see yet (others' private writing). */
  hiddenIn(section: SectionId): number {
    let n = 0;
    for (const s of this.#hidden.values()) if (s === section) n += 1;
    return n;
  }

  /**
   * Private notes this viewer sees whole: a participant's own, or every one for a facilitator.
   * For a facilitator it is what moving to a phase without private writing would reveal.
   */
  privateCount(): number {
    let n = 0;
    for (const note of this.#notes.values()) if (note.private) n += 1;
    return n;
  }

  /** Sections left to right. */
  sections(): Section[] {
    return [...this.#sections.values()].sort(byOrderThenId);
  }

  /** One section's notes, top to bottom. */
  notesIn(section: SectionId): Note[] {
    return [...this.#notes.values()].filter((n) => n.section === section).sort(byOrderThenId);
  }

  /** Every section's notes, top to bottom, in one pass (for rendering the whole board). */
  notesBySection(): Map<SectionId, Note[]> {
    const by = new Map<SectionId, Note[]>();
    for (const note of this.#notes.values()) {
      const list = by.get(note.section);
      if (list) list.push(note);
      else by.set(note.section, [note]);
    }
    for (const list of by.values()) list.sort(byOrderThenId);
    return by;
  }
}
