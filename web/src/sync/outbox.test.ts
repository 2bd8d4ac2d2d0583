import { describe, expect, it } from 'vitest';
import type { Op } from '../protocol/generated';
import { Outbox, isRetryable } from './outbox';

const post = (id: string): Op => ({ type: 'post_note', id, section: 's1', text: id, colour: 'yellow' });

describe('Outbox', () => {
  it('keeps ops in the order they were sent', () => {
    const outbox = new Outbox();
    outbox.add({ op_id: 'o1', op: post('a') });
    outbox.add({ op_id: 'o2', op: post('b') });
    outbox.add({ op_id: 'o3', op: post('c') });
    expect(outbox.pending().map((e) => e.op_id)).toEqual(['o1', 'o2', 'o3']);
  });

  it('drops an op once it is applied, and only that op', () => {
    const outbox = new Outbox();
    outbox.add({ op_id: 'o1', op: post('a') });
    outbox.add({ op_id: 'o2', op: post('b') });
    expect(outbox.applied('o1')?.op).toEqual(post('a'));
    expect(outbox.pending().map((e) => e.op_id)).toEqual(['o2']);
    expect(outbox.applied('o1')).toBeUndefined();
    expect(outbox.applied('someone-elses-op')).toBeUndefined();
  });

  it('drops a rejected op, except when storage was unavailable', () => {
    const outbox = new Outbox();
    outbox.add({ op_id: 'o1', op: post('a') });
    outbox.add({ op_id: 'o2', op: post('b') });
    expect(outbox.rejected('o1', { code: 'too_long', field: 'note_text', max: 1000 })?.op_id).toBe('o1');
    expect(outbox.rejected('o2', { code: 'storage_unavailable' })?.op_id).toBe('o2');
    expect(outbox.pending().map((e) => e.op_id)).toEqual(['o2']);
  });

  it('treats only storage_unavailable and rate_limited as worth resending', () => {
    expect(isRetryable({ code: 'storage_unavailable' })).toBe(true);
    expect(isRetryable({ code: 'rate_limited' })).toBe(true);
    expect(isRetryable({ code: 'forbidden' })).toBe(false);
    expect(isRetryable({ code: 'invalid_op', detail: 'x' })).toBe(false);
    expect(isRetryable({ code: 'limit_reached', what: 'notes', max: 5000 })).toBe(false);
  });
});
