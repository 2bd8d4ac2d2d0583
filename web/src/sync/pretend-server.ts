/**
 * A pretend talkoot server for one board, for unit tests of BoardSync: it sequences ops,
 * dedupes op_ids and answers like the real one, and resumes a client from its `last_seq`
 * (or sends a snapshot, as the test chooses). It only knows how to post notes.
 */

import type { Board, Change, Me, Note, Op } from '../protocol/generated';
import type { FakeSocket } from './connection-fakes';

export const pretendBoard: Board = {
  id: 'b1',
  meta: { title: 'Nuorten palvelut', description: '', language: 'fi' },
  sections: { s1: { id: 's1', title: 'Tuki', colour: 'blue', order: 'a', locked: false } },
  notes: {},
  phases: [],
  phase: null,
  locked: false,
  projector: { show_names: false, show_case: true, results_by_group: false },
  hidden_notes: {},
  comments: {},
  themes: {},
  voting: { budget: 5, stacking: false },
  ballots: {},
  vote_totals: { notes: {}, themes: {} },
  approve_first: false,
  feedback_open: false,
  timer: null,
  tasks: {},
  volunteering: false,
  previous_part: null,
};

export const pretendMe: Me = { participant: 'me', role: 'participant', name: 'Anna' };

export class PretendServer {
  /** The board's seq; `pretendBoard` is the board at seq 5. */
  seq = 5;
  log: { seq: number; op_id: string; actor: string; changes: Change[] }[] = [];

  /** The board now: the one at seq 5 plus every note posted since. */
  board(): Board {
    const notes = { ...pretendBoard.notes };
    for (const change of this.log.flatMap((e) => e.changes)) if (change.type === 'note') notes[change.note.id] = change.note;
    return { ...pretendBoard, notes };
  }

  /** Accepts the socket, reads its hello and welcomes it: with the whole board, or resuming from its last seq. */
  welcome(socket: FakeSocket, snapshot: boolean, online = 2): void {
    socket.open();
    const hello = socket.sent[0];
    if (hello?.type !== 'hello') throw new Error('the client must say hello first');
    socket.receive({
      type: 'welcome',
      you: pretendMe,
      join_code: '12345678',
      seq: this.seq,
      snapshot: snapshot ? this.board() : null,
      online,
      groups: {},
      server_time: 0,
    });
    if (!snapshot) {
      for (const e of this.log.filter((e) => e.seq > (hello.last_seq ?? 0))) {
        socket.receive({ type: 'applied', seq: e.seq, op_id: e.op_id, actor: e.actor, changes: e.changes });
      }
    }
  }

  /** Applies every op the socket sent that is not answered yet, deduping by op_id. */
  answer(socket: FakeSocket, from = 0, deliver = true): void {
    for (const msg of socket.ops().slice(from)) {
      const known = this.log.find((e) => e.op_id === msg.op_id);
      if (known) {
        socket.receive({ type: 'applied', seq: known.seq, op_id: known.op_id, actor: 'me', changes: known.changes });
        continue;
      }
      const changes = this.effect(msg.op, 'me');
      this.seq += 1;
      this.log.push({ seq: this.seq, op_id: msg.op_id, actor: 'me', changes });
      if (deliver) socket.receive({ type: 'applied', seq: this.seq, op_id: msg.op_id, actor: 'me', changes });
    }
  }

  /** Someone else posts a note; the sockets given (those connected now) hear of it. */
  postByOther(id: string, text: string, listeners: FakeSocket[] = []): void {
    const changes = this.effect({ type: 'post_note', id, section: 's1', text, colour: 'green' }, 'other');
    this.seq += 1;
    this.log.push({ seq: this.seq, op_id: `op-${id}`, actor: 'other', changes });
    for (const socket of listeners) socket.receive({ type: 'applied', seq: this.seq, op_id: `op-${id}`, actor: 'other', changes });
  }

  effect(op: Op, author: string): Change[] {
    if (op.type !== 'post_note') throw new Error('the pretend server only posts notes');
    const note: Note = {
      id: op.id,
      section: op.section,
      text: op.text,
      colour: op.colour,
      author,
      author_name: author === 'me' ? 'Anna' : null,
      order: `a${this.seq}`,
      created_at: 1,
      updated_at: 1,
      private: false,
      status: 'visible',
      theme: null,
    };
    return [{ type: 'note', note }];
  }
}
