import { describe, expect, it } from 'vitest';
import type { Board, Change, Note, Section } from '../protocol/generated';
import { BoardState, byOrderThenId } from './board-state';

function section(id: string, order: string, title = id): Section {
  return { id, title, colour: 'blue', order, locked: false };
}

function note(id: string, sectionId: string, order: string, text = id): Note {
  return {
    id,
    section: sectionId,
    text,
    colour: 'yellow',
    author: 'p1',
    author_name: null,
    order,
    created_at: 1,
    updated_at: 1,
    private: false,
    status: 'visible',
    theme: null,
  };
}

function board(sections: Section[], notes: Note[]): Board {
  return {
    id: 'b1',
    meta: { title: 'Nuorten palvelut', description: 'Asiakastapaus', language: 'fi' },
    sections: Object.fromEntries(sections.map((s) => [s.id, s])),
    notes: Object.fromEntries(notes.map((n) => [n.id, n])),
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
}

describe('BoardState', () => {
  it('lists tasks in the order they were made and follows the volunteering switch', () => {
    const state = new BoardState();
    state.replace(board([section('s1', 'a')], [note('n1', 's1', 'a')]), 1);
    const task = (id: string, created_at: number) => ({
      id,
      title: id,
      owner: '',
      due: null,
      status: 'open' as const,
      from_note: null,
      created_at,
    });
    state.absorb(2, [
      { type: 'task', task: task('t2', 20) },
      { type: 'task', task: task('t1', 10) },
      { type: 'volunteering', open: true },
    ]);
    expect(state.tasks().map((t) => t.id)).toEqual(['t1', 't2']);
    expect(state.volunteering).toBe(true);
    state.absorb(3, [
      { type: 'task', task: { ...task('t2', 20), owner: 'Kolomonen ry' } },
      { type: 'task_removed', id: 't1' },
      { type: 'volunteering', open: false },
    ]);
    expect(state.tasks()).toEqual([{ ...task('t2', 20), owner: 'Kolomonen ry' }]);
    expect(state.volunteering).toBe(false);
  });

  it('reads a board kept on this device before tasks existed as having none', () => {
    const state = new BoardState();
    const { tasks: _tasks, volunteering: _volunteering, ...old } = board([], []);
    state.replace(old as Board, 1);
    expect(state.tasks()).toEqual([]);
    expect(state.volunteering).toBe(false);
  });

  it('has no seq before the first snapshot, so hello asks for one', () => {
    const state = new BoardState();
    expect(state.seq).toBeNull();
    expect(state.loaded).toBe(false);
    expect(state.absorb(1, [])).toBe('gap');
  });

  it('sorts sections and notes by (order, id) in byte order', () => {
    const state = new BoardState();
    state.replace(
      board(
        [section('s2', 'b'), section('s1', 'a'), section('s0', 'b')],
        [note('n3', 's1', 'a0'), note('n1', 's1', 'Z'), note('n2', 's1', 'a0'), note('x', 's2', 'a')],
      ),
      7,
    );
    expect(state.seq).toBe(7);
    expect(state.sections().map((s) => s.id)).toEqual(['s1', 's0', 's2']);
    // 'Z' < 'a' in byte order, and equal keys fall back to the id.
    expect(state.notesIn('s1').map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    expect(state.notesBySection().get('s1')?.map((n) => n.id)).toEqual(['n1', 'n2', 'n3']);
    expect(state.notesBySection().get('s2')?.map((n) => n.id)).toEqual(['x']);
    expect(byOrderThenId({ order: 'a', id: 'b' }, { order: 'a', id: 'b' })).toBe(0);
  });

  it('upserts and removes what each applied carries, in seq order', () => {
    const state = new BoardState();
    state.replace(board([section('s1', 'a')], [note('n1', 's1', 'a')]), 3);
    expect(
      state.absorb(4, [
        { type: 'note', note: note('n2', 's1', 'b', 'second') },
        { type: 'note', note: { ...note('n1', 's1', 'a'), text: 'edited' } },
      ]),
    ).toBe('applied');
    expect(state.notesIn('s1').map((n) => n.text)).toEqual(['edited', 'second']);
    expect(state.absorb(5, [{ type: 'board', meta: { title: 'Uusi', description: '', language: 'sv' } }])).toBe(
      'applied',
    );
    expect(state.meta?.title).toBe('Uusi');
    expect(
      state.absorb(6, [
        { type: 'section', section: section('s2', 'b') },
        { type: 'note', note: note('n1', 's2', 'a') },
      ]),
    ).toBe('applied');
    expect(state.notesIn('s2').map((n) => n.id)).toEqual(['n1']);
    expect(
      state.absorb(7, [
        { type: 'note_removed', id: 'n2' },
        { type: 'section_removed', id: 's1' },
      ]),
    ).toBe('applied');
    expect(state.sections().map((s) => s.id)).toEqual(['s2']);
    expect(state.note('n2')).toBeUndefined();
    expect(state.seq).toBe(7);
  });

  it('takes in one move that renumbers every note of its section, leaving other sections alone', () => {
    // Long keys, as a gap split again and again leaves them; the server then sends the moved
    // note and fresh keys for all its neighbours in one applied (docs/protocol.md).
    const count = 300;
    const ids = Array.from({ length: count }, (_, i) => `n${i}`);
    const long = (i: number) => `a0${'0'.repeat(28)}${String(i).padStart(3, '0')}`;
    const state = new BoardState();
    state.replace(
      board(
        [section('s1', 'a0'), section('s2', 'a1')],
        [...ids.map((id, i) => note(id, 's1', long(i + 1))), note('other', 's2', 'a0')],
      ),
      41,
    );
    expect(state.notesIn('s1').map((n) => n.id)).toEqual(ids);
    // The last note moves to the top; the new keys sort in the new order, short and unlike
    // the old ones.
    const newOrder = [...ids.slice(count - 1), ...ids.slice(0, count - 1)];
    // The moved note comes whole; its neighbours get only their new keys.
    const key = (i: number) => `c${String(i + 1).padStart(3, '0')}`;
    const [moved = '', ...rest] = newOrder;
    const changes: Change[] = [
      { type: 'note', note: note(moved, 's1', key(0)) },
      ...rest.map((id, i): Change => ({ type: 'note_order', id, order: key(i + 1) })),
    ];
    expect(state.absorb(42, changes)).toBe('applied');
    expect(state.seq).toBe(42);
    expect(state.notesIn('s1').map((n) => n.id)).toEqual(newOrder);
    expect(state.notesBySection().get('s1')?.map((n) => n.id)).toEqual(newOrder);
    expect(state.notesIn('s1').every((n) => n.order.length === 4)).toBe(true);
    expect(state.notesIn('s2').map((n) => [n.id, n.order])).toEqual([['other', 'a0']]);
  });

  it('ignores an applied it already has (a resend ack or a replay after resume)', () => {
    const state = new BoardState();
    state.replace(board([section('s1', 'a')], []), 10);
    expect(state.absorb(10, [{ type: 'section_removed', id: 's1' }])).toBe('duplicate');
    expect(state.absorb(2, [{ type: 'section_removed', id: 's1' }])).toBe('duplicate');
    expect(state.sections()).toHaveLength(1);
    expect(state.seq).toBe(10);
  });

  it('refuses an applied that skips a seq, leaving the state as it was', () => {
    const state = new BoardState();
    state.replace(board([section('s1', 'a')], []), 10);
    expect(state.absorb(12, [{ type: 'section_removed', id: 's1' }])).toBe('gap');
    expect(state.sections()).toHaveLength(1);
    expect(state.seq).toBe(10);
  });

  it('counts others’ private notes per section and shows them when they are revealed, in one applied', () => {
    const state = new BoardState();
    const mine = { ...note('n1', 's1', 'a0', 'mine'), private: true };
    state.replace({ ...board([section('s1', 'a'), section('s2', 'b')], [mine]), hidden_notes: { h1: 's2' } }, 1);
    expect(state.hiddenIn('s2')).toBe(1);
    expect(state.hiddenIn('s1')).toBe(0);
    expect(state.privateCount()).toBe(1);
    // Another participant writes privately: only that a note is there arrives.
    expect(state.absorb(2, [{ type: 'hidden_note', id: 'h2', section: 's2' }])).toBe('applied');
    expect(state.hiddenIn('s2')).toBe(2);
    expect(state.notesIn('s2')).toEqual([]);
    // The reveal: every private note, whole, in one seq.
    const revealed: Change[] = [
      { type: 'note', note: { ...mine, private: false, status: 'visible', theme: null } },
      { type: 'note', note: note('h1', 's2', 'a0', 'first') },
      { type: 'note', note: note('h2', 's2', 'a1', 'second') },
    ];
    expect(state.absorb(3, revealed)).toBe('applied');
    expect(state.hiddenIn('s2')).toBe(0);
    expect(state.privateCount()).toBe(0);
    expect(state.notesIn('s2').map((n) => n.text)).toEqual(['first', 'second']);
  });

  it('forgets a hidden note that is deleted, and hides one seen whole that becomes private to others', () => {
    const state = new BoardState();
    state.replace({ ...board([section('s1', 'a')], [note('n1', 's1', 'a0')]), hidden_notes: { h1: 's1' } }, 1);
    state.absorb(2, [{ type: 'note_removed', id: 'h1' }]);
    expect(state.hiddenIn('s1')).toBe(0);
    state.absorb(3, [{ type: 'hidden_note', id: 'n1', section: 's1' }]);
    expect(state.note('n1')).toBeUndefined();
    expect(state.hiddenIn('s1')).toBe(1);
  });

  it('replaces everything with a newer snapshot', () => {
    const state = new BoardState();
    state.replace(board([section('s1', 'a')], [note('n1', 's1', 'a')]), 10);
    state.replace(board([section('s9', 'a')], []), 50);
    expect(state.sections().map((s) => s.id)).toEqual(['s9']);
    expect(state.note('n1')).toBeUndefined();
    expect(state.seq).toBe(50);
  });
});

describe('votes, comments, themes and moderation', () => {
  const comment = (id: string, noteId: string, created_at: number) => ({
    id,
    note: noteId,
    text: id,
    author: 'p2',
    author_name: null,
    created_at,
    updated_at: created_at,
    status: 'visible' as const,
  });

  function loaded(): BoardState {
    const state = new BoardState();
    state.replace(board([section('s1', 'a')], [note('n1', 's1', 'a'), note('n2', 's1', 'b')]), 1);
    state.absorb(2, [
      { type: 'comment', comment: comment('c2', 'n1', 20) },
      { type: 'comment', comment: comment('c1', 'n1', 10) },
      { type: 'comment', comment: comment('c3', 'n2', 30) },
      { type: 'ballot', voter: 'me', target: { kind: 'note', id: 'n1' }, count: 2 },
      { type: 'ballot', voter: 'me', target: { kind: 'note', id: 'n2' }, count: 1 },
      { type: 'vote_total', target: { kind: 'note', id: 'n1' }, total: 7 },
    ]);
    return state;
  }

  it('lists comments oldest first and counts ballots and totals', () => {
    const state = loaded();
    expect(state.commentsByNote().get('n1')?.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(state.ballotOf('me')).toEqual({ notes: { n1: 2, n2: 1 }, themes: {} });
    expect(state.totals.notes).toEqual({ n1: 7 });
  });

  it('drops a removed note’s comments and votes, and a zero count, as the server does', () => {
    const state = loaded();
    state.absorb(3, [
      { type: 'note_removed', id: 'n1' },
      { type: 'ballot', voter: 'me', target: { kind: 'note', id: 'n2' }, count: 0 },
    ]);
    expect(state.commentsByNote().get('n1')).toBeUndefined();
    expect(state.commentsByNote().get('n2')?.length).toBe(1);
    expect(state.ballotOf('me')).toEqual({ notes: {}, themes: {} });
    expect(state.totals.notes).toEqual({});
  });

  it('gives the votes back when a note is hidden, and drops comments of a note that became hidden to us', () => {
    const state = loaded();
    state.absorb(3, [{ type: 'note', note: { ...note('n1', 's1', 'a'), status: 'hidden' } }]);
    expect(state.ballotOf('me').notes).toEqual({ n2: 1 });
    expect(state.totals.notes).toEqual({});
    state.absorb(4, [{ type: 'hidden_note', id: 'n2', section: 's1' }]);
    expect(state.commentsByNote().size).toBe(1);
  });

  it('takes a deleted theme off its notes and out of the votes, and clears every vote at once', () => {
    const state = loaded();
    state.absorb(3, [
      { type: 'theme', theme: { id: 't1', title: 'Kotihoito', created_at: 5 } },
      { type: 'note', note: { ...note('n2', 's1', 'b'), theme: 't1' } },
      { type: 'ballot', voter: 'me', target: { kind: 'theme', id: 't1' }, count: 1 },
    ]);
    state.absorb(4, [{ type: 'theme_removed', id: 't1' }]);
    expect(state.themes()).toEqual([]);
    expect(state.note('n2')?.theme).toBeNull();
    expect(state.ballotOf('me').themes).toEqual({});
    state.absorb(5, [{ type: 'votes_cleared' }]);
    expect(state.ballotOf('me')).toEqual({ notes: {}, themes: {} });
  });
});
