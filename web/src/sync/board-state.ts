/**
 * The client's copy of one board: the last snapshot plus every `applied` absorbed since.
 * It never re-runs business rules: the server sends effects (new versions of entities or their
 * removal) and this just upserts them in seq order.
 */

import type {
  Board,
  BoardMeta,
  Change,
  Comment,
  CommentId,
  Note,
  NoteId,
  ParticipantId,
  Phase,
  PhaseId,
  ProjectorSettings,
  Section,
  SeriesLink,
  SectionId,
  Task,
  TaskId,
  Theme,
  ThemeId,
  Timer,
  VoteCounts,
  VoteTarget,
  VotingRules,
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

/** Oldest first; ids break ties, so every client lists the same order. */
function byCreation(a: { created_at: number; id: string }, b: { created_at: number; id: string }): number {
  if (a.created_at !== b.created_at) return a.created_at - b.created_at;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Counts on `target` in `counts`: a ballot or the totals. */
export function countOn(counts: VoteCounts, target: VoteTarget): number {
  const by: Partial<Record<string, number>> = target.kind === 'note' ? counts.notes : counts.themes;
  return by[target.id] ?? 0;
}

/** `counts` with `count` on `target`; zero removes the entry, as the server keeps it. */
function withCount(counts: VoteCounts, target: VoteTarget, count: number): VoteCounts {
  const key = target.kind === 'note' ? 'notes' : 'themes';
  const by: Record<string, number> = { ...(counts[key] as Record<string, number>) };
  if (count === 0) delete by[target.id];
  else by[target.id] = count;
  return { ...counts, [key]: by };
}

function isEmpty(counts: VoteCounts): boolean {
  return Object.keys(counts.notes).length === 0 && Object.keys(counts.themes).length === 0;
}

const NO_VOTES: VoteCounts = { notes: {}, themes: {} };

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
  #projector: ProjectorSettings = { show_names: false, show_case: true, results_by_group: false };
  #comments = new Map<CommentId, Comment>();
  #themes = new Map<ThemeId, Theme>();
  #voting: VotingRules = { budget: 5, stacking: false };
  /** The server sends a viewer only their own ballot; kept by voter all the same, as it is sent. */
  #ballots = new Map<ParticipantId, VoteCounts>();
  #totals: VoteCounts = NO_VOTES;
  #approveFirst = false;
  #feedbackOpen = false;
  #timer: Timer | null = null;
  #previousPart: SeriesLink | null = null;
  #tasks = new Map<TaskId, Task>();
  #volunteering = false;
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

  /** The part of the series before this board, for a facilitator (`null` otherwise, or for none). */
  get previousPart(): SeriesLink | null {
    return this.#previousPart;
  }

  get voting(): VotingRules {
    return this.#voting;
  }

  /** Vote totals, when this viewer may see them (a facilitator, or a phase that shows votes). */
  get totals(): VoteCounts {
    return this.#totals;
  }

  /** New notes and comments from participants wait for a facilitator's approval. */
  get approveFirst(): boolean {
    return this.#approveFirst;
  }

  /** Feedback is open: every participant and facilitator screen offers the form. */
  get feedbackOpen(): boolean {
    return this.#feedbackOpen;
  }

  get timer(): Timer | null {
    return this.#timer;
  }

  /** Participants may volunteer as owners of unowned tasks. */
  get volunteering(): boolean {
    return this.#volunteering;
  }

  /** The votes `voter` has on the board (this viewer is only ever sent their own). */
  ballotOf(voter: ParticipantId): VoteCounts {
    return this.#ballots.get(voter) ?? NO_VOTES;
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
    this.#previousPart = board.previous_part ?? null;
    this.#comments = new Map(Object.entries(board.comments));
    this.#themes = new Map(Object.entries(board.themes));
    this.#voting = board.voting;
    this.#ballots = new Map(Object.entries(board.ballots));
    this.#totals = board.vote_totals;
    this.#approveFirst = board.approve_first;
    this.#feedbackOpen = board.feedback_open;
    this.#timer = board.timer;
    // A board kept on this device before tasks existed has none.
    this.#tasks = new Map(Object.entries(board.tasks ?? {}));
    this.#volunteering = board.volunteering ?? false;
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
      // What hangs on a removed entity goes with it, as in the server's `Board::absorb`.
      case 'note':
        this.#hidden.delete(change.note.id);
        if (change.note.status === 'hidden') this.#forgetVotes({ kind: 'note', id: change.note.id });
        this.#notes.set(change.note.id, change.note);
        break;
      case 'hidden_note':
        this.#notes.delete(change.id);
        this.#forgetComments(change.id);
        this.#hidden.set(change.id, change.section);
        break;
      case 'note_removed':
        this.#notes.delete(change.id);
        this.#hidden.delete(change.id);
        this.#forgetComments(change.id);
        this.#forgetVotes({ kind: 'note', id: change.id });
        break;
      case 'comment':
        this.#comments.set(change.comment.id, change.comment);
        break;
      case 'comment_removed':
        this.#comments.delete(change.id);
        break;
      case 'theme':
        this.#themes.set(change.theme.id, change.theme);
        break;
      case 'theme_removed':
        this.#themes.delete(change.id);
        for (const note of this.#notes.values()) {
          if (note.theme === change.id) this.#notes.set(note.id, { ...note, theme: null });
        }
        this.#forgetVotes({ kind: 'theme', id: change.id });
        break;
      case 'voting_rules':
        this.#voting = change.rules;
        break;
      case 'ballot': {
        const ballot = withCount(this.ballotOf(change.voter), change.target, change.count);
        if (isEmpty(ballot)) this.#ballots.delete(change.voter);
        else this.#ballots.set(change.voter, ballot);
        break;
      }
      case 'vote_total':
        this.#totals = withCount(this.#totals, change.target, change.total);
        break;
      case 'vote_totals':
        this.#totals = change.totals;
        break;
      case 'votes_cleared':
        this.#ballots.clear();
        this.#totals = NO_VOTES;
        break;
      case 'approve_first':
        this.#approveFirst = change.on;
        break;
      case 'feedback_open':
        this.#feedbackOpen = change.open;
        break;
      case 'timer':
        this.#timer = change.timer;
        break;
      case 'task':
        this.#tasks.set(change.task.id, change.task);
        break;
      case 'task_removed':
        this.#tasks.delete(change.id);
        break;
      case 'volunteering':
        this.#volunteering = change.open;
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

  #forgetComments(note: NoteId): void {
    for (const [id, comment] of this.#comments) if (comment.note === note) this.#comments.delete(id);
  }

  #forgetVotes(target: VoteTarget): void {
    this.#totals = withCount(this.#totals, target, 0);
    for (const [voter, ballot] of this.#ballots) {
      const left = withCount(ballot, target, 0);
      if (isEmpty(left)) this.#ballots.delete(voter);
      else this.#ballots.set(voter, left);
    }
  }

  section(id: SectionId): Section | undefined {
    return this.#sections.get(id);
  }

  note(id: NoteId): Note | undefined {
    return this.#notes.get(id);
  }

  /** How many notes in `section` this viewer may not see yet (others' private writing). */
  /** The section of a note this viewer only counts, if `id` is one. */
  hiddenSection(id: NoteId): SectionId | undefined {
    return this.#hidden.get(id);
  }

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

  /** Every note's comments, oldest first, in one pass (for rendering the whole board). */
  commentsByNote(): Map<NoteId, Comment[]> {
    const by = new Map<NoteId, Comment[]>();
    for (const comment of this.#comments.values()) {
      const list = by.get(comment.note);
      if (list) list.push(comment);
      else by.set(comment.note, [comment]);
    }
    for (const list of by.values()) list.sort(byCreation);
    return by;
  }

  /** Tasks in the order they were made. */
  tasks(): Task[] {
    return [...this.#tasks.values()].sort(byCreation);
  }

  /** Themes in the order they were made. */
  themes(): Theme[] {
    return [...this.#themes.values()].sort(byCreation);
  }

  theme(id: ThemeId): Theme | undefined {
    return this.#themes.get(id);
  }

  /** Notes and comments waiting for approval (a facilitator sees all, an author their own). */
  pending(): { notes: Note[]; comments: Comment[] } {
    return {
      notes: [...this.#notes.values()].filter((n) => n.status === 'pending').sort(byCreation),
      comments: [...this.#comments.values()].filter((c) => c.status === 'pending').sort(byCreation),
    };
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
