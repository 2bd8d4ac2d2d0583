/**
 * This device's last view of a board, so that a reload with no network still shows it and
 * reconnecting resumes from its seq instead of asking for the whole board again.
 *
 * What is kept is exactly what the server sent this viewer (it redacts per viewer): the newest
 * snapshot as it arrived, and after it every `applied` the board absorbed, as seq and changes,
 * untouched. Reading it back replays them through `BoardState`, the same code the live board
 * runs, so the board is opaque here: a field or a kind of change the board gains later is kept
 * without this file knowing about it.
 *
 * Where it is kept is a [`BoardCacheStorage`]: in memory for tests, IndexedDB in the browser
 * (indexeddb-board-cache.ts). [`BoardCache`] gathers what arrives and writes it a moment later
 * in one go, off the path of the live board: a write that fails only leaves the device with an
 * older (still whole) view, and never touches what is on screen.
 */

import type { Board, BoardId, Change, Me } from '../protocol/generated';
import type { Timers } from './connection';

/** One `applied` as it arrived: its seq and its changes. */
export interface KeptChanges {
  seq: number;
  changes: Change[];
}

/** Who the server said we are, and the board's join code, from the newest `welcome`. */
export interface KeptWelcome {
  you: Me;
  join_code: string;
  /** When this device last heard from the server about the board (ms since the epoch). */
  updated_at: number;
}

/** What the device kept of one board. */
export interface KeptView extends KeptWelcome {
  /** The newest snapshot, as the server sent it. */
  snapshot: Board;
  snapshot_seq: number;
  /** Every `applied` after the snapshot, in seq order, without gaps. */
  changes: KeptChanges[];
}

/** One write: all of it is kept, or none. */
export interface CacheWrite {
  welcome: KeptWelcome;
  /** A new snapshot replaces the kept one and every change kept after it. */
  snapshot: { board: Board; seq: number } | null;
  /** Changes after the snapshot (the new one, if any), in seq order. */
  changes: KeptChanges[];
}

export interface BoardCacheStorage {
  /** The board's view, its changes sorted by seq; `null` if none (or only part of one) is kept. */
  load(board: BoardId): Promise<KeptView | null>;
  write(board: BoardId, write: CacheWrite): Promise<void>;
  /** Forgets everything kept for the board. */
  remove(board: BoardId): Promise<void>;
}

/** How long arriving messages are gathered before they are written together. */
export const WRITE_DELAY_MS = 300;
/**
 * Changes kept after a snapshot before a fresh snapshot is asked for (over HTTP), so that what a
 * long session keeps, and a reload replays, stays bounded. Each device adds up to as many again
 * at random, so that a room's phones do not all ask at the same seq.
 */
export const REBASE_AFTER_CHANGES = 1_000;

/** The changes that follow `seq` one by one; anything after a gap cannot be replayed. */
export function gapless(changes: readonly KeptChanges[], seq: number): KeptChanges[] {
  const kept: KeptChanges[] = [];
  let next = seq + 1;
  for (const entry of changes) {
    if (entry.seq < next) continue;
    if (entry.seq > next) break;
    kept.push(entry);
    next += 1;
  }
  return kept;
}

export class MemoryBoardCacheStorage implements BoardCacheStorage {
  readonly #views = new Map<BoardId, KeptView>();

  async load(board: BoardId): Promise<KeptView | null> {
    const view = this.#views.get(board);
    return view ? structuredClone(view) : null;
  }

  async write(board: BoardId, write: CacheWrite): Promise<void> {
    const { welcome, snapshot, changes } = structuredClone(write);
    const old = this.#views.get(board);
    if (!snapshot && !old) return; // as in IndexedDB: no snapshot, nothing to replay
    const base = snapshot ? { snapshot: snapshot.board, snapshot_seq: snapshot.seq, changes: [] } : old!;
    const bySeq = new Map(base.changes.map((c) => [c.seq, c]));
    for (const c of changes) bySeq.set(c.seq, c);
    const all = [...bySeq.values()].filter((c) => c.seq > base.snapshot_seq).sort((a, b) => a.seq - b.seq);
    this.#views.set(board, { ...welcome, snapshot: base.snapshot, snapshot_seq: base.snapshot_seq, changes: all });
  }

  async remove(board: BoardId): Promise<void> {
    this.#views.delete(board);
  }
}

export interface BoardCacheOptions {
  timers?: Timers;
  now?: () => number;
  random?: () => number;
}

/** Keeps one board's view on the device as messages arrive. */
export class BoardCache {
  readonly #board: BoardId;
  readonly #storage: BoardCacheStorage;
  readonly #timers: Timers;
  readonly #now: () => number;
  readonly #rebaseAt: number;

  /** The newest seq kept or about to be; `null` while there is no snapshot to add changes to. */
  #seq: number | null = null;
  /** How many changes are kept (or about to be) after the snapshot. */
  #changesKept = 0;
  #welcome: Omit<KeptWelcome, 'updated_at'> | null = null;
  /** What arrived since the last write started. */
  #queued: CacheWrite | null = null;
  #timer: unknown = null;
  /** Writes run one after another, in the order they were queued. */
  #writing: Promise<void> = Promise.resolve();
  /** A write failed: what follows it cannot be added until a new snapshot is written. */
  #broken = false;
  /** Counts snapshots, so that a failed write only stops the changes that were to follow it. */
  #epoch = 0;
  /** Even a snapshot could not be written (no space, storage disabled): asking for another is no use. */
  #snapshotFailed = false;
  #removed = false;

  constructor(board: BoardId, storage: BoardCacheStorage, options: BoardCacheOptions = {}) {
    this.#board = board;
    this.#storage = storage;
    this.#timers = options.timers ?? {
      setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
      clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    this.#now = options.now ?? Date.now;
    this.#rebaseAt = REBASE_AFTER_CHANGES + Math.floor((options.random ?? Math.random)() * REBASE_AFTER_CHANGES);
  }

  /**
   * The kept view, if there is one and it was seen by the viewer `fits` accepts (a view kept
   * for another token on this device may show what this one may not see). Later changes are
   * added to it.
   */
  async load(fits: (you: Me) => boolean): Promise<KeptView | null> {
    const view = await this.#storage.load(this.#board);
    if (!view || !fits(view.you) || this.#removed) return null;
    const changes = gapless(view.changes, view.snapshot_seq);
    this.#seq = changes.at(-1)?.seq ?? view.snapshot_seq;
    this.#changesKept = changes.length;
    this.#welcome = { you: view.you, join_code: view.join_code };
    return { ...view, changes };
  }

  /** A `welcome` with the whole board: it replaces everything kept. */
  snapshot(board: Board, seq: number, you: Me, joinCode: string): void {
    this.#welcome = { you, join_code: joinCode };
    this.rebase(board, seq, true);
  }

  /**
   * A fresh snapshot from elsewhere (HTTP), to keep instead of the old one and its changes.
   * One older than what is kept is ignored. `force` takes it whatever the seq (a `welcome`:
   * the server's word, even after a restore from a backup made seqs go back).
   */
  rebase(board: Board, seq: number, force = false): void {
    if (this.#removed || !this.#welcome) return;
    if (!force && this.#seq !== null && seq < this.#seq) return;
    const queued = this.#queue();
    queued.snapshot = { board, seq };
    queued.changes = [];
    this.#epoch += 1;
    this.#seq = seq;
    this.#changesKept = 0;
  }

  /** A `welcome` without a snapshot: the changes since our seq follow. */
  welcomed(you: Me, joinCode: string): void {
    this.#welcome = { you, join_code: joinCode };
    if (this.#seq !== null) this.#queue();
  }

  /** An `applied` the board absorbed. Only the next seq is kept: a gap waits for a snapshot. */
  applied(seq: number, changes: Change[]): void {
    if (this.#seq === null || seq <= this.#seq) return;
    if (seq !== this.#seq + 1) {
      this.#seq = null;
      return;
    }
    this.#queue().changes.push({ seq, changes });
    this.#seq = seq;
    this.#changesKept += 1;
  }

  /**
   * Whether a fresh snapshot should be fetched: many changes are kept after the old one, or a
   * failed write (or a gap) left changes that cannot be added to it. Not once a snapshot
   * itself could not be written: the device cannot keep the board (the next `welcome` with a
   * snapshot tries again).
   */
  get wantsSnapshot(): boolean {
    if (this.#removed || this.#welcome === null || this.#snapshotFailed) return false;
    return this.#seq === null || this.#changesKept >= this.#rebaseAt;
  }

  /** Writes what is queued now rather than in a moment (the page is being hidden or left). */
  flush(): Promise<void> {
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    const write = this.#queued;
    this.#queued = null;
    if (write) {
      const epoch = this.#epoch;
      this.#writing = this.#writing.then(() => this.#write(write, epoch));
    }
    return this.#writing;
  }

  /** Forgets the board on this device; nothing queued, or arriving later, is written. */
  remove(): Promise<void> {
    this.#removed = true;
    if (this.#timer !== null) this.#timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#queued = null;
    this.#seq = null;
    this.#writing = this.#writing
      .then(() => this.#storage.remove(this.#board))
      .catch((error: unknown) => console.warn('talkoot: could not remove a board from this device', error));
    return this.#writing;
  }

  /** The write being gathered, with the newest welcome; the timer starts with its first item. */
  #queue(): CacheWrite {
    const welcome = { ...this.#welcome!, updated_at: this.#now() };
    if (!this.#queued) {
      this.#queued = { welcome, snapshot: null, changes: [] };
      this.#timer = this.#timers.setTimeout(() => {
        this.#timer = null;
        void this.flush();
      }, WRITE_DELAY_MS);
    }
    this.#queued.welcome = welcome;
    return this.#queued;
  }

  async #write(write: CacheWrite, epoch: number): Promise<void> {
    if (this.#removed) return;
    // After a failed write the kept view ends before it; only a snapshot can start a new one.
    if (this.#broken && !write.snapshot) return;
    try {
      await this.#storage.write(this.#board, write);
      this.#broken = false;
      if (write.snapshot) this.#snapshotFailed = false;
    } catch (error) {
      console.warn('talkoot: could not keep the board on this device', error);
      this.#broken = true;
      if (write.snapshot) this.#snapshotFailed = true;
      // Changes arriving now would follow the lost ones; a newer snapshot is not affected.
      if (epoch === this.#epoch) this.#seq = null;
    }
  }
}
