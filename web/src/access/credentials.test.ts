import { describe, expect, it } from 'vitest';
import { Credentials, type KeyValueStorage } from './credentials';

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

describe('Credentials', () => {
  it('keeps a participant token under talkoot.participant.<board>', () => {
    const storage = memoryStorage();
    const creds = new Credentials(storage);
    creds.saveParticipant('b1', { token: 'p_1', participant_id: 'u1' }, '4821 5903');
    expect(JSON.parse(storage.map.get('talkoot.participant.b1')!)).toEqual({ token: 'p_1', participant_id: 'u1' });
    expect(creds.access('b1')).toEqual({ token: 'p_1', role: 'participant' });
    expect(creds.joinCode('b1')).toBe('48215903');
  });

  it('keeps the group a table QR code picked with the token, and lets it change', () => {
    const storage = memoryStorage();
    const creds = new Credentials(storage);
    expect(creds.group('b1')).toBeNull();
    creds.saveGroup('b1', 's-1');
    expect(creds.group('b1')).toBeNull(); // not joined: nothing to attach it to
    creds.saveParticipant('b1', { token: 'p_1', participant_id: 'u1', group: 's-3' }, '48215903');
    expect(creds.group('b1')).toBe('s-3');
    expect(creds.participant('b1')).toEqual({ token: 'p_1', participant_id: 'u1', group: 's-3' });
    creds.saveGroup('b1', 's-2');
    expect(creds.group('b1')).toBe('s-2');
    expect(creds.access('b1')).toEqual({ token: 'p_1', role: 'participant' });
    // A group that is not a section id is dropped, the token is kept.
    storage.map.set('talkoot.participant.b1', JSON.stringify({ token: 'p_1', participant_id: 'u1', group: '<x>' }));
    expect(creds.participant('b1')).toEqual({ token: 'p_1', participant_id: 'u1' });
    expect(creds.group('b1')).toBeNull();
  });

  it('tells "no group, picked on purpose" from "not asked yet"', () => {
    const creds = new Credentials(memoryStorage());
    creds.saveParticipant('b1', { token: 'p_1', participant_id: 'u1' }, '48215903');
    expect(creds.hasChosenGroup('b1')).toBe(false);
    creds.saveGroup('b1', null);
    expect(creds.hasChosenGroup('b1')).toBe(true);
    expect(creds.group('b1')).toBeNull();
    expect(creds.participant('b1')).toEqual({ token: 'p_1', participant_id: 'u1', group: null });
    creds.saveGroup('b1', 's-2');
    expect(creds.hasChosenGroup('b1')).toBe(true);
    expect(creds.group('b1')).toBe('s-2');
  });

  it('finds the board already joined with a code, so the phone does not join twice', () => {
    const creds = new Credentials(memoryStorage());
    expect(creds.joinedBoardFor('48215903')).toBeNull();
    creds.saveParticipant('b1', { token: 'p_1', participant_id: 'u1' }, '48215903');
    expect(creds.joinedBoardFor('4821-5903')).toBe('b1');
  });

  it('prefers the facilitator key when the browser holds both', () => {
    const storage = memoryStorage();
    const creds = new Credentials(storage);
    creds.saveParticipant('b1', { token: 'p_1', participant_id: 'u1' }, '48215903');
    creds.saveFacilitatorKey('b1', 'f_1');
    expect(storage.map.get('talkoot.facilitator.b1')).toBe('f_1');
    expect(creds.access('b1')).toEqual({ token: 'f_1', role: 'facilitator' });
  });

  it('forgets a board whose secrets the server refused', () => {
    const creds = new Credentials(memoryStorage());
    creds.saveParticipant('b1', { token: 'p_1', participant_id: 'u1' }, '48215903');
    creds.forget('b1');
    expect(creds.access('b1')).toBeNull();
    expect(creds.joinedBoardFor('48215903')).toBeNull();
  });

  it('keeps a participant token when only a facilitator key was refused', () => {
    const creds = new Credentials(memoryStorage());
    creds.saveParticipant('b1', { token: 'p_1', participant_id: 'u1' }, '48215903');
    creds.saveFacilitatorKey('b1', 'f_wrong');
    creds.forgetRefused('b1', 'facilitator');
    expect(creds.access('b1')).toEqual({ token: 'p_1', role: 'participant' });
    creds.forgetRefused('b1', 'participant');
    expect(creds.access('b1')).toBeNull();
    expect(creds.joinCode('b1')).toBe('48215903');
  });

  it('keeps the projector key beside the others, and opens the projector view with it alone', () => {
    const storage = memoryStorage();
    const creds = new Credentials(storage);
    creds.saveProjectorKey('b1', 'v_1');
    expect(storage.map.get('talkoot.projector.b1')).toBe('v_1');
    // A venue PC that holds only the projector key opens the board as the projector.
    expect(creds.access('b1')).toEqual({ token: 'v_1', role: 'projector' });
    creds.saveFacilitatorKey('b1', 'f_1');
    expect(creds.access('b1')).toEqual({ token: 'f_1', role: 'facilitator' });
    expect(creds.projectorAccess('b1')).toEqual({ token: 'v_1', role: 'projector' });
    creds.saveProjectorKey('b1', 'v_2');
    expect(creds.projectorKey('b1')).toBe('v_2');
    // A refused projector key goes alone; the facilitator key stays.
    creds.forgetRefused('b1', 'projector');
    expect(creds.projectorAccess('b1')).toBeNull();
    expect(creds.facilitatorKey('b1')).toBe('f_1');
    creds.saveProjectorKey('b1', 'v_3');
    creds.forget('b1');
    expect(creds.projectorKey('b1')).toBeNull();
    expect(creds.access('b1')).toBeNull();
  });

  it('treats a damaged entry or missing storage as no credentials', () => {
    const storage = memoryStorage();
    storage.map.set('talkoot.participant.b1', '{not json');
    expect(new Credentials(storage).access('b1')).toBeNull();
    expect(new Credentials(null).access('b1')).toBeNull();
    const throwing: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {},
    };
    const creds = new Credentials(throwing);
    creds.saveFacilitatorKey('b1', 'f_1');
    expect(creds.access('b1')).toBeNull();
  });
});
