/**
 * The open board as reactive state for components: a thin shell around [`BoardSync`] that
 * copies what it holds into `$state` whenever something changes, and keeps the rejection
 * notices the person has not dismissed yet. It also puts the parts together for the browser:
 * the outbox and the board cache in IndexedDB, and the credentials to forget when the server
 * refuses them.
 */

import { ActivityDigest, activitiesOf, type ActivitySentence } from './activity';
import { activityPreference } from './activity-preference.svelte';
import { isBlank } from './limits';
import { asksForGroup, groupLayout, type GroupLayout } from './my-group';
import { phaseNumber } from './phase-list';
import { type BoardAccess, type Credentials, credentials as browserCredentials } from '../access/credentials';
import { ApiFailure, fetchSnapshot } from '../api/http-api';
import { type Situation, readOnly } from './permissions';
import type {
  BoardId,
  BoardMeta,
  Comment,
  ErrorCode,
  Me,
  Note,
  NoteId,
  Op,
  Phase,
  ProjectorSettings,
  RejectReason,
  Role,
  Section,
  SeriesLink,
  SectionId,
  Task,
  Theme,
  Timer,
  VoteCounts,
  VotingRules,
} from '../protocol/generated';
import { BoardCache } from '../sync/board-cache';
import { BoardSync, type FetchedSnapshot, type OpResult } from '../sync/board-sync';
import { type ConnectionStatus, webSocketUrl } from '../sync/connection';
import { IndexedDbBoardCacheStorage } from '../sync/indexeddb-board-cache';
import { IndexedDbOutboxStorage } from '../sync/indexeddb-outbox';
import { isRetryable, MemoryOutboxStorage, Outbox, type PendingOp } from '../sync/outbox';

/**
 * Something the person should hear about: an op the server refused (with the text it carried,
 * so nothing typed is lost, and whether that text went back into the composer), or a rescued draft.
 */
export type Notice =
  | { id: number; kind: 'rejected'; reason: RejectReason; op: Op; text: string | null; textInComposer: boolean }
  | { id: number; kind: 'draft-rescued' }
  /** Text typed into the composer of a section that was deleted before it was posted; `focus`:
   * the composer had focus, so the notice takes it. */
  | { id: number; kind: 'composer-rescued'; section: string; text: string; focus: boolean };

/**
 * Text that goes back to a section's composer: a post the server refused (with the refusal, for
 * the composer to say why), or text someone was editing when its note was deleted under them.
 */
export interface RescuedDraft {
  section: SectionId;
  text: string;
  refused?: { op: Op; reason: RejectReason };
}

/** How many notices stay on screen; older ones give way. */
const MAX_NOTICES = 3;

export class LiveBoard {
  meta = $state.raw<BoardMeta | null>(null);
  /** The part before this board in a series (facilitators only). */
  previousPart = $state.raw<SeriesLink | null>(null);
  sections = $state.raw<Section[]>([]);
  notesBySection = $state.raw<Map<SectionId, Note[]>>(new Map());
  /** Our ops the server has not answered yet, in send order. */
  pending = $state.raw<PendingOp[]>([]);
  status = $state<ConnectionStatus>('connecting');
  failure = $state<ErrorCode | null>(null);
  online = $state(0);
  /** Participants online per group (section id → count); presence only, never stored. */
  groups = $state<Record<SectionId, number>>({});
  /** The group this browser's participant sits in (`null`: none), kept with its token. */
  group = $state<SectionId | null>(null);
  /** Whether that group was picked (by hand, "no group" included, or by a table's QR code). */
  groupChosen = $state(false);
  me = $state.raw<Me | null>(null);
  joinCode = $state<string | null>(null);
  notices = $state.raw<Notice[]>([]);
  rescuedDrafts = $state.raw<RescuedDraft[]>([]);
  /** When the server last told us about the board; shown while the board is not live. */
  updatedAt = $state<number | null>(null);
  /** For a facilitator, when the server deletes the board if nothing happens on it; else null. */
  deletesAt = $state<number | null>(null);
  /** The server's retention period in days, with `deletesAt`. */
  retentionDays = $state<number | null>(null);
  /** Unsent ops dropped because the server refused the board for good. */
  lost = $state.raw<PendingOp[]>([]);
  phases = $state.raw<readonly Phase[]>([]);
  currentPhase = $state.raw<Phase | null>(null);
  boardLocked = $state(false);
  projector = $state.raw<ProjectorSettings>({ show_names: false, show_case: true, results_by_group: false });
  /** Comments this viewer may see, by note, oldest first. */
  commentsByNote = $state.raw<Map<NoteId, Comment[]>>(new Map());
  themes = $state.raw<Theme[]>([]);
  voting = $state.raw<VotingRules>({ budget: 5, stacking: false });
  /** Our own votes (the server sends nobody anyone else's). */
  myVotes = $state.raw<VoteCounts>({ notes: {}, themes: {} });
  /** Vote totals, while we may see them (facilitators always, others while the phase shows them). */
  totals = $state.raw<VoteCounts>({ notes: {}, themes: {} });
  approveFirst = $state(false);
  feedbackOpen = $state(false);
  timer = $state.raw<Timer | null>(null);
  /** Follow-up tasks, in the order they were made; everyone sees them all. */
  tasks = $state.raw<Task[]>([]);
  /** Participants may volunteer as owners of unowned tasks. */
  volunteering = $state(false);
  /** How far the server's clock is ahead of this device's, from the last welcome; null before one. */
  serverClockOffset = $state<number | null>(null);
  /** Notes and comments waiting for approval that this viewer sees (all, for a facilitator). */
  awaitingApproval = $state.raw<{ notes: Note[]; comments: Comment[] }>({ notes: [], comments: [] });
  /** Per section, how many notes this viewer may only count (others' private writing). */
  hiddenBySection = $state.raw<Map<SectionId, number>>(new Map());
  /** Private notes this viewer sees: their own, or everyone's for a facilitator (what a reveal shows). */
  privateCount = $state(0);
  /** Others' activity, summarised for the announcer; a new object each time it has something to say. */
  activity = $state.raw<{ sentences: ActivitySentence[] } | null>(null);

  readonly board: BoardId;
  readonly #access: BoardAccess;
  readonly #credentials: Credentials;
  readonly #sync: BoardSync;
  readonly #storage: IndexedDbOutboxStorage | null;
  readonly #cache: BoardCache | null;
  #stopped = false;
  #nextNotice = 1;
  readonly #digest = new ActivityDigest((sentences) => (this.activity = { sentences }));
  /** Edit drafts of notes that moved to another section while being edited (new card, same draft). */
  readonly #editDrafts = new Map<NoteId, string>();

  constructor(board: BoardId, access: BoardAccess, credentials: Credentials = browserCredentials) {
    this.board = board;
    this.#access = access;
    this.#credentials = credentials;
    // Without IndexedDB (some private modes) the outbox still works, for this page's life, and
    // nothing is kept for a reload.
    if (access.role === 'participant') {
      this.group = credentials.group(board);
      this.groupChosen = credentials.hasChosenGroup(board);
    }
    const idb = typeof indexedDB !== 'undefined';
    this.#storage = idb ? new IndexedDbOutboxStorage(board) : null;
    this.#cache = idb ? new BoardCache(board, new IndexedDbBoardCacheStorage()) : null;
    this.#sync = new BoardSync({
      board,
      token: access.token,
      url: webSocketUrl(location),
      outbox: new Outbox(this.#storage ?? new MemoryOutboxStorage()),
      cache: this.#cache ?? undefined,
      fetchSnapshot: () => snapshotFor(board, access.token),
      group: this.group,
      events: {
        changed: () => this.#refresh(),
        rejected: (entry, reason) => this.#rejected(entry, reason),
        othersApplied: (changes, before) => {
          if (activityPreference.on) this.#digest.add(activitiesOf(changes, before));
        },
        forgotten: (failure) => this.#forgetCredentials(failure),
      },
    });
  }

  get isFacilitator(): boolean {
    return this.me?.role === 'facilitator';
  }

  /** Who this is: what the server said, and until it has, what the secret we hold opens as. */
  get role(): Role {
    return this.me?.role ?? this.#access.role;
  }

  /** The sections in the order this viewer sees them: a participant's own group first. */
  get layout(): GroupLayout {
    return groupLayout(this.sections, this.group, this.role);
  }

  /** Whether to ask this participant which group they are in. */
  get asksForGroup(): boolean {
    return asksForGroup({ role: this.role, sections: this.sections, group: this.group, chosen: this.groupChosen });
  }

  /**
   * Puts this participant in `section`'s group (`null`: no group): kept on the device with the
   * token, and told to the room now and on every reconnect.
   */
  chooseGroup(section: SectionId | null): void {
    this.#credentials.saveGroup(this.board, section);
    this.group = section;
    this.groupChosen = true;
    this.#sync.setGroup(section);
  }

  /** Whether this viewer gets a composer at all (permissions.ts `readOnly`); whether a post is
   * open now is `posting()`'s to say, in the composer. */
  get canPost(): boolean {
    return !readOnly(this.situation);
  }

  /** The current phase's 1-based place in the list, for "Phase 2 of 4"; `null` while none runs. */
  get phaseNumber(): number | null {
    return this.currentPhase ? phaseNumber(this.phases, this.currentPhase.id) : null;
  }

  /** What board/permissions.ts decides from: who we are, the phase and the board lock. */
  get situation(): Situation {
    return {
      role: this.me?.role ?? null,
      participant: this.me?.participant ?? null,
      phase: this.currentPhase,
      boardLocked: this.boardLocked,
    };
  }

  /**
   * The server's clock now, as this device can tell it: what the timer counts down against.
   * Read in a `$derived`, it is read again when a welcome corrects the offset.
   */
  serverNow(): number {
    void this.serverClockOffset;
    return this.#sync.clock.now();
  }

  /** The section `id`, if the board has it. */
  section(id: SectionId): Section | undefined {
    return this.sections.find((s) => s.id === id);
  }

  /** The note `id`, if this viewer sees it (a task's link may name one they do not). */
  note(id: NoteId): Note | undefined {
    for (const notes of this.notesBySection.values()) {
      const found = notes.find((n) => n.id === id);
      if (found) return found;
    }
    return undefined;
  }

  commentsOn(note: NoteId): Comment[] {
    return this.commentsByNote.get(note) ?? [];
  }

  /** How many of the notes in `section` this viewer may not see yet. */
  hiddenIn(section: SectionId): number {
    return this.hiddenBySection.get(section) ?? 0;
  }

  notesIn(section: SectionId): Note[] {
    return this.notesBySection.get(section) ?? [];
  }

  /** Our notes in `section` still on their way to the server. */
  pendingPostsIn(section: SectionId): Extract<Op, { type: 'post_note' }>[] {
    return this.pending
      .map((e) => e.op)
      .filter((op): op is Extract<Op, { type: 'post_note' }> => op.type === 'post_note' && op.section === section);
  }

  /** Whether one of our ops on this note (or section) still waits for the server. */
  isSending(id: NoteId | SectionId): boolean {
    return this.pending.some((e) => 'id' in e.op && e.op.id === id);
  }

  submit(op: Op): Promise<OpResult> {
    return this.#sync.submit(op).result;
  }

  /**
   * A note card is going away while its edit form is open. If the note moved, the card in its
   * new section picks the draft up; if it was deleted, the draft goes to the section's composer.
   */
  keepEditDraft(note: NoteId, section: SectionId, text: string): void {
    if (this.#sync.state.note(note)) {
      this.#editDrafts.set(note, text);
    } else if (!isBlank(text)) {
      this.rescuedDrafts = [...this.rescuedDrafts, { section, text }];
      this.#notify({ id: this.#nextNotice++, kind: 'draft-rescued' });
    }
  }

  /** The draft a card left behind for this note, once. */
  takeEditDraft(note: NoteId): string | undefined {
    const draft = this.#editDrafts.get(note);
    this.#editDrafts.delete(note);
    return draft;
  }

  /**
   * A composer is going away with unposted text in it. If its section was deleted, nothing
   * else can take the text: a notice shows it to copy (and takes focus if the composer had it).
   */
  keepComposerDraft(section: Section, text: string, focused: boolean): void {
    if (isBlank(text) || this.#sync.state.sections().some((s) => s.id === section.id)) return;
    this.#notify({ id: this.#nextNotice++, kind: 'composer-rescued', section: section.title, text, focus: focused });
  }

  /** How many refusals the notices on screen tell of (the outbox status must not say "all saved"). */
  get refusalsShown(): number {
    return this.notices.filter((n) => n.kind === 'rejected').length;
  }

  /** Drafts rescued into this section's composer, once. */
  takeRescuedDrafts(section: SectionId): RescuedDraft[] {
    const mine = this.rescuedDrafts.filter((d) => d.section === section);
    if (mine.length > 0) this.rescuedDrafts = this.rescuedDrafts.filter((d) => d.section !== section);
    return mine;
  }

  dismiss(noticeId: number): void {
    this.notices = this.notices.filter((n) => n.id !== noticeId);
  }

  /**
   * Loads what this device kept of the board and still has to send for it, shows that, then
   * connects (resuming from the kept seq, and resending the unsent ops).
   */
  async start(): Promise<void> {
    const [, view] = await Promise.all([
      this.#storage?.load().catch((error: unknown) => console.warn('talkoot: could not read unsent ops on this device', error)),
      this.#cache?.load((you) => this.#seenByUs(you)).catch((error: unknown) => {
        console.warn('talkoot: could not read the board kept on this device', error);
        return null;
      }),
    ]);
    if (this.#stopped) return;
    if (view) this.#sync.restore(view);
    this.#refresh();
    this.#sync.start();
    window.addEventListener('pagehide', this.#keepNow);
    document.addEventListener('visibilitychange', this.#keepNowIfHidden);
  }

  stop(): void {
    this.#stopped = true;
    this.#sync.stop();
    this.#digest.clear();
    window.removeEventListener('pagehide', this.#keepNow);
    document.removeEventListener('visibilitychange', this.#keepNowIfHidden);
    void this.#cache?.flush();
  }

  /** A page being left or hidden may be gone for good: write what arrived now, not in a moment. */
  readonly #keepNow = () => void this.#cache?.flush();
  readonly #keepNowIfHidden = () => {
    if (document.visibilityState === 'hidden') this.#keepNow();
  };

  /**
   * Whether a view kept on this device was seen with the secret we hold now: every facilitator
   * sees the same board, a participant only their own view.
   */
  #seenByUs(you: Me): boolean {
    if (you.role !== this.#access.role) return false;
    return you.role !== 'participant' || you.participant === this.#credentials.participant(this.board)?.participant_id;
  }

  /** The server refused for good: forget what it refused, so that joining again works. */
  #forgetCredentials(failure: ErrorCode): void {
    // A board that is gone takes every secret this device kept for it; a refused secret only itself.
    if (failure === 'unknown_board' || failure === 'board_deleted') this.#credentials.forget(this.board);
    else this.#credentials.forgetRefused(this.board, this.#access.role);
  }

  /**
   * A refused post goes back into its section's composer when that section is still there;
   * any refused text is also offered on the notice, for copying.
   */
  #rejected(entry: PendingOp, reason: RejectReason): void {
    const op = entry.op;
    const lost = !isRetryable(reason);
    const text = lost && (op.type === 'post_note' || op.type === 'edit_note') ? op.text : null;
    const textInComposer =
      lost && op.type === 'post_note' && this.#sync.state.sections().some((s) => s.id === op.section);
    if (textInComposer) {
      this.rescuedDrafts = [...this.rescuedDrafts, { section: op.section, text: op.text, refused: { op, reason } }];
    }
    this.#notify({ id: this.#nextNotice++, kind: 'rejected', reason, op, text, textInComposer });
  }

  #notify(notice: Notice): void {
    this.notices = [...this.notices, notice].slice(-MAX_NOTICES);
  }

  #refresh(): void {
    const sync = this.#sync;
    this.meta = sync.state.meta;
    this.previousPart = sync.state.previousPart;
    this.sections = sync.state.sections();
    this.notesBySection = sync.state.notesBySection();
    this.phases = sync.state.phases;
    this.currentPhase = sync.state.currentPhase;
    this.boardLocked = sync.state.locked;
    this.projector = sync.state.projector;
    this.hiddenBySection = new Map(this.sections.map((s) => [s.id, sync.state.hiddenIn(s.id)]));
    this.privateCount = sync.state.privateCount();
    this.commentsByNote = sync.state.commentsByNote();
    this.themes = sync.state.themes();
    this.voting = sync.state.voting;
    this.myVotes = sync.me ? sync.state.ballotOf(sync.me.participant) : { notes: {}, themes: {} };
    this.totals = sync.state.totals;
    this.approveFirst = sync.state.approveFirst;
    this.feedbackOpen = sync.state.feedbackOpen;
    this.timer = sync.state.timer;
    this.tasks = sync.state.tasks();
    this.volunteering = sync.state.volunteering;
    this.serverClockOffset = sync.clock.offsetMs;
    this.awaitingApproval = sync.state.pending();
    this.pending = sync.outbox.pending();
    this.status = sync.status;
    this.failure = sync.failure;
    this.online = sync.online;
    this.groups = sync.groups;
    this.me = sync.me;
    this.joinCode = sync.joinCode;
    this.updatedAt = sync.updatedAt;
    this.deletesAt = sync.retention?.deletes_at ?? null;
    this.retentionDays = sync.retention?.inactive_days ?? null;
    this.lost = sync.lost;
  }
}

async function snapshotFor(board: BoardId, token: string): Promise<FetchedSnapshot> {
  try {
    return { ok: true, snapshot: await fetchSnapshot(board, token) };
  } catch (error) {
    const code = error instanceof ApiFailure ? error.code : null;
    return { ok: false, refused: code === 'bad_token' || code === 'unknown_board' ? code : null };
  }
}
