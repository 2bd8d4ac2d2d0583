import { describe, expect, it } from 'vitest';
import type { Section } from '../protocol/generated';
import { asksForGroup, groupLayout, knownGroup, onlineIn } from './my-group';

const section = (id: string, order: string): Section => ({ id, title: `Table ${id}`, colour: 'blue', order, locked: false });
const ONE = section('s1', 'a');
const TWO = section('s2', 'b');
const THREE = section('s3', 'c');
const BOARD = [ONE, TWO, THREE];
const ids = (sections: Section[]) => sections.map((s) => s.id);

describe('groupLayout', () => {
  it('puts a participant’s group first and keeps the others in board order', () => {
    const layout = groupLayout(BOARD, 's3', 'participant');
    expect(layout.mine).toBe(THREE);
    expect(ids(layout.sections)).toEqual(['s3', 's1', 's2']);
    expect(ids(groupLayout(BOARD, 's2', 'participant').sections)).toEqual(['s2', 's1', 's3']);
    expect(ids(groupLayout(BOARD, 's1', 'participant').sections)).toEqual(['s1', 's2', 's3']);
  });

  it('keeps the board order for a participant in no group, or in a group whose section is gone', () => {
    for (const group of [null, 'deleted']) {
      const layout = groupLayout(BOARD, group, 'participant');
      expect(layout.mine, String(group)).toBeNull();
      expect(ids(layout.sections)).toEqual(['s1', 's2', 's3']);
    }
  });

  it('gives facilitators and the projector the whole board in its order, whatever group is stored', () => {
    for (const role of ['facilitator', 'projector', null] as const) {
      const layout = groupLayout(BOARD, 's3', role);
      expect(layout.mine, String(role)).toBeNull();
      expect(ids(layout.sections)).toEqual(['s1', 's2', 's3']);
    }
  });

  it('does not change the list it was given', () => {
    const board = [...BOARD];
    groupLayout(board, 's3', 'participant');
    expect(board).toEqual(BOARD);
  });
});

describe('knownGroup', () => {
  it('is the group’s section, or none when there is no such section', () => {
    expect(knownGroup(BOARD, 's2')).toBe(TWO);
    expect(knownGroup(BOARD, 'gone')).toBeNull();
    expect(knownGroup(BOARD, null)).toBeNull();
    expect(knownGroup([], 's2')).toBeNull();
  });
});

describe('asksForGroup', () => {
  const participant = { role: 'participant' as const, sections: BOARD };

  it('asks a participant who has not picked yet', () => {
    expect(asksForGroup({ ...participant, group: null, chosen: false })).toBe(true);
  });

  it('does not ask again after a pick, "no group" included, or after a table QR code picked', () => {
    expect(asksForGroup({ ...participant, group: 's2', chosen: true })).toBe(false);
    expect(asksForGroup({ ...participant, group: null, chosen: true })).toBe(false);
  });

  it('asks again when the group’s section was deleted', () => {
    expect(asksForGroup({ ...participant, group: 'deleted', chosen: true })).toBe(true);
  });

  it('never asks a facilitator or the projector, nor anyone on a board without sections', () => {
    expect(asksForGroup({ role: 'facilitator', sections: BOARD, group: null, chosen: false })).toBe(false);
    expect(asksForGroup({ role: 'projector', sections: BOARD, group: null, chosen: false })).toBe(false);
    expect(asksForGroup({ role: 'participant', sections: [], group: null, chosen: false })).toBe(false);
  });
});

describe('onlineIn', () => {
  it('counts nobody in a group presence does not mention', () => {
    expect(onlineIn({ s1: 3 }, 's1')).toBe(3);
    expect(onlineIn({ s1: 3 }, 's2')).toBe(0);
  });
});
