/**
 * The open board as reactive state for components: a thin shell around [`BoardSync`] that
 * copies what it holds into `$state` whenever something changes, and keeps the rejection
 * notices the person has not dismissed yet.
 */

import type {
  BoardId,
  BoardMeta,
  ErrorCode,
  Me,
  Note,
  NoteId,
  Op,
  RejectReason,
  Section,
  SectionId,
} from '../protocol/generated';
import { BoardSync, type OpResult } from '../sync/board-sync';
import { type ConnectionStatus, webSocketUrl } from '../sync/connection';
import type { PendingOp } from '../sync/outbox';

/** Something the person should hear about: an op the server refused, or a rescued draft. */
export type Notice =
  | { id: number; kind: 'rejected'; reason: RejectReason; op: Op }
  | { id: number; kind: 'draft-rescued' };

/** Text someone was editing when its note was deleted under them; goes to the section's composer. */
export interface RescuedDraft {
  section: SectionId;
  text: string;
}

/** How many notices stay on screen; older ones give way. */
const MAX_NOTICES = 3;

export class LiveBoard {
  meta = $state.raw<BoardMeta | null>(null);
  sections = $state.raw<Section[]>([]);
  notesBySection = $state.raw<Map<SectionId, Note[]>>(new Map());
  /** Our ops the server has not answered yet, in send order. */
  pending = $state.raw<PendingOp[]>([]);
  status = $state<ConnectionStatus>('connecting');
  failure = $state<ErrorCode | null>(null);
  online = $state(0);
  me = $state.raw<Me | null>(null);
  joinCode = $state<string | null>(null);
  notices = $state.raw<Notice[]>([]);
  rescuedDrafts = $state.raw<RescuedDraft[]>([]);

  readonly board: BoardId;
  readonly #sync: BoardSync;
  #nextNotice = 1;
  /** Edit drafts of notes that moved to another section while being edited (new card, same draft). */
  readonly #editDrafts = new Map<NoteId, string>();

  constructor(board: BoardId, token: string) {
    this.board = board;
    this.#sync = new BoardSync({
      board,
      token,
      url: webSocketUrl(location),
      events: {
        changed: () => this.#refresh(),
        rejected: (entry, reason) => this.#notify({ id: this.#nextNotice++, kind: 'rejected', reason, op: entry.op }),
      },
    });
  }

  get isFacilitator(): boolean {
    return this.me?.role === 'facilitator';
  }

  /** Facilitators may change any note; participants only their own. */
  canChange(note: Note): boolean {
    return this.me !== null && (this.me.role === 'facilitator' || note.author === this.me.participant);
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
    } else if (text.trim()) {
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

  /** Drafts rescued into this section's composer, once. */
  takeRescuedDrafts(section: SectionId): string[] {
    const mine = this.rescuedDrafts.filter((d) => d.section === section);
    if (mine.length > 0) this.rescuedDrafts = this.rescuedDrafts.filter((d) => d.section !== section);
    return mine.map((d) => d.text);
  }

  dismiss(noticeId: number): void {
    this.notices = this.notices.filter((n) => n.id !== noticeId);
  }

  start(): void {
    this.#sync.start();
  }

  stop(): void {
    this.#sync.stop();
  }

  #notify(notice: Notice): void {
    this.notices = [...this.notices, notice].slice(-MAX_NOTICES);
  }

  #refresh(): void {
    const sync = this.#sync;
    this.meta = sync.state.meta;
    this.sections = sync.state.sections();
    this.notesBySection = sync.state.notesBySection();
    this.pending = sync.outbox.pending();
    this.status = sync.status;
    this.failure = sync.failure;
    this.online = sync.online;
    this.me = sync.me;
    this.joinCode = sync.joinCode;
  }
}
