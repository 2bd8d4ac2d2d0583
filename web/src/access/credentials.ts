/**
 * The secrets this browser holds, per board, in localStorage: a participant token (so the
 * phone stays the owner of its notes across reloads), a facilitator key, and a projector key
 * (the venue PC's only secret; a facilitator's browser keeps it too, to offer the projector
 * link). Also the join code, which the board itself does not carry, so that the header can show it.
 */

import type { BoardId, ParticipantId, Role, SectionId } from '../protocol/generated';
import { normalizeJoinCode } from '../board/join-code';

export interface ParticipantCredentials {
  token: string;
  participant_id: ParticipantId;
  /**
   * The section whose group the participant is in: picked by a table's QR code, or by hand.
   * `null` is "no group", picked on purpose; absent, the participant has not been asked yet.
   */
  group?: SectionId | null;
}

/** What a stored group must look like to be one: a section id. */
const SECTION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** What opens a board: the secret to send in `hello`, and which kind it is. */
export interface BoardAccess {
  token: string;
  role: Role;
}

/** The slice of the Web Storage API used here, so tests can hand in a Map. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const storageKeys = {
  participant: (board: BoardId) => `talkoot.participant.${board}`,
  facilitator: (board: BoardId) => `talkoot.facilitator.${board}`,
  projector: (board: BoardId) => `talkoot.projector.${board}`,
  joinCode: (board: BoardId) => `talkoot.join_code.${board}`,
  boardForCode: (code: string) => `talkoot.board_for_code.${normalizeJoinCode(code)}`,
};

export class Credentials {
  readonly #storage: KeyValueStorage | null;

  constructor(storage: KeyValueStorage | null) {
    this.#storage = storage;
  }

  /** The facilitator key wins: a facilitator who also joined as a participant still moderates.
   * The projector key opens the board only where there is nothing else (the venue PC). */
  access(board: BoardId): BoardAccess | null {
    const key = this.#get(storageKeys.facilitator(board));
    if (key) return { token: key, role: 'facilitator' };
    const participant = this.participant(board);
    if (participant) return { token: participant.token, role: 'participant' };
    return this.projectorAccess(board);
  }

  /** How the projector view opens the board: with the projector key alone, whatever else this
   * browser holds, so it shows what the room may see. */
  projectorAccess(board: BoardId): BoardAccess | null {
    const key = this.projectorKey(board);
    return key ? { token: key, role: 'projector' } : null;
  }

  participant(board: BoardId): ParticipantCredentials | null {
    const raw = this.#get(storageKeys.participant(board));
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as Partial<ParticipantCredentials>;
      if (typeof parsed.token === 'string' && typeof parsed.participant_id === 'string') {
        const credentials: ParticipantCredentials = { token: parsed.token, participant_id: parsed.participant_id };
        // A damaged group is no group: the participant is asked again rather than sent astray.
        if (typeof parsed.group === 'string' && SECTION_ID.test(parsed.group)) credentials.group = parsed.group;
        else if (parsed.group === null) credentials.group = null;
        return credentials;
      }
    } catch {
      // fall through: a damaged entry is as good as none
    }
    return null;
  }

  saveParticipant(board: BoardId, credentials: ParticipantCredentials, code: string): void {
    this.#set(storageKeys.participant(board), JSON.stringify(credentials));
    this.saveJoinCode(board, code);
  }

  /** The group this browser's participant is in on `board`, if one was picked. */
  group(board: BoardId): SectionId | null {
    return this.participant(board)?.group ?? null;
  }

  /** Whether this browser's participant on `board` has picked a group, "no group" included. */
  hasChosenGroup(board: BoardId): boolean {
    return this.participant(board)?.group !== undefined;
  }

  /** Puts this browser's participant on `board` in `group` (`null`: no group, on purpose);
   * nothing happens if it has not joined. */
  saveGroup(board: BoardId, group: SectionId | null): void {
    const participant = this.participant(board);
    if (participant) this.#set(storageKeys.participant(board), JSON.stringify({ ...participant, group }));
  }

  saveFacilitatorKey(board: BoardId, key: string): void {
    this.#set(storageKeys.facilitator(board), key);
  }

  facilitatorKey(board: BoardId): string | null {
    return this.#get(storageKeys.facilitator(board));
  }

  /** Keeps the board's projector key; a newer one (the old one was replaced) overwrites it. */
  saveProjectorKey(board: BoardId, key: string): void {
    this.#set(storageKeys.projector(board), key);
  }

  projectorKey(board: BoardId): string | null {
    return this.#get(storageKeys.projector(board));
  }

  saveJoinCode(board: BoardId, code: string): void {
    const digits = normalizeJoinCode(code);
    this.#set(storageKeys.joinCode(board), digits);
    this.#set(storageKeys.boardForCode(digits), board);
  }

  joinCode(board: BoardId): string | null {
    return this.#get(storageKeys.joinCode(board));
  }

  /** The board this browser already joined with `code`, so that joining again reuses the token. */
  joinedBoardFor(code: string): BoardId | null {
    const board = this.#get(storageKeys.boardForCode(code));
    return board && this.participant(board) ? board : null;
  }

  /** Forgets the secret the server refused (or revoked), and only that one: a participant token
   * survives a bad facilitator key. */
  forgetRefused(board: BoardId, role: Role): void {
    const key = {
      facilitator: storageKeys.facilitator(board),
      participant: storageKeys.participant(board),
      projector: storageKeys.projector(board),
    }[role];
    this.#remove(key);
  }

  /** Forgets everything about a board that no longer exists. */
  forget(board: BoardId): void {
    const code = this.joinCode(board);
    this.#remove(storageKeys.participant(board));
    this.#remove(storageKeys.facilitator(board));
    this.#remove(storageKeys.projector(board));
    this.#remove(storageKeys.joinCode(board));
    if (code) this.#remove(storageKeys.boardForCode(code));
  }

  #get(key: string): string | null {
    try {
      return this.#storage?.getItem(key) ?? null;
    } catch {
      return null; // storage disabled by the browser's privacy settings
    }
  }

  #remove(key: string): void {
    try {
      this.#storage?.removeItem(key);
    } catch {
      // nothing to do: an unreadable entry is as good as none
    }
  }

  #set(key: string, value: string): void {
    try {
      this.#storage?.setItem(key, value);
    } catch {
      // Private mode or a full quota: the session still works until the tab closes.
    }
  }
}

function browserStorage(): KeyValueStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export const credentials = new Credentials(browserStorage());
