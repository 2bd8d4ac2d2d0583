import { describe, expect, it } from 'vitest';
import { href, parseRoute, shareableLink } from './route';

describe('routes', () => {
  it('reads every place from the fragment', () => {
    expect(parseRoute('')).toEqual({ page: 'landing', code: null, group: null });
    expect(parseRoute('#/')).toEqual({ page: 'landing', code: null, group: null });
    expect(parseRoute('#/new')).toEqual({ page: 'create' });
    expect(parseRoute('#/join/48215903')).toEqual({ page: 'landing', code: '48215903', group: null });
    expect(parseRoute('#/join/4821%205903')).toEqual({ page: 'landing', code: '4821 5903', group: null });
    expect(parseRoute('#/b/0190f3a2-7b1c-7c3d-8e4f-0123456789ab')).toEqual({
      page: 'board',
      board: '0190f3a2-7b1c-7c3d-8e4f-0123456789ab',
    });
    expect(parseRoute('#/b/board_1/f/f_AbC-123')).toEqual({
      page: 'facilitator-link',
      board: 'board_1',
      key: 'f_AbC-123',
    });
    expect(parseRoute('#/b/board_1/qr')).toEqual({ page: 'qr-sheet', board: 'board_1' });
    expect(parseRoute('#/b/board_1/projector')).toEqual({ page: 'projector', board: 'board_1' });
    expect(parseRoute('#/b/board_1/p/v_AbC-123')).toEqual({
      page: 'projector-link',
      board: 'board_1',
      key: 'v_AbC-123',
    });
    expect(parseRoute('#/b/board_1/p/')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/b/board_1/projector/extra')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/b/has space')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/somewhere')).toEqual({ page: 'not-found' });
  });

  it("reads a table's QR link as the join form with its code and group", () => {
    const section = '0190f3a2-7b1c-7c3d-8e4f-0123456789ab';
    expect(parseRoute(`#/join/48215903/g/${section}`)).toEqual({ page: 'landing', code: '48215903', group: section });
    expect(parseRoute('#/join/48215903/g/table_3/')).toEqual({ page: 'landing', code: '48215903', group: 'table_3' });
    // A group that cannot be a section id, or a link that is not a join link, is nowhere.
    expect(parseRoute('#/join/48215903/g/has%20space')).toEqual({ page: 'not-found' });
    expect(parseRoute(`#/join/48215903/g/${'x'.repeat(65)}`)).toEqual({ page: 'not-found' });
    expect(parseRoute('#/join/48215903/g/')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/join/48215903/x/table_3')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/join/abc/g/table_3')).toEqual({ page: 'not-found' });
  });

  it('makes links that read back as the same place', () => {
    expect(parseRoute(href.landing())).toEqual({ page: 'landing', code: null, group: null });
    expect(parseRoute(href.create())).toEqual({ page: 'create' });
    expect(parseRoute(href.join('4821 5903'))).toEqual({ page: 'landing', code: '4821 5903', group: null });
    expect(parseRoute(href.qrSheet('b1'))).toEqual({ page: 'qr-sheet', board: 'b1' });
    expect(parseRoute(href.board('b1'))).toEqual({ page: 'board', board: 'b1' });
    expect(parseRoute(href.facilitator('b1', 'f_k'))).toEqual({ page: 'facilitator-link', board: 'b1', key: 'f_k' });
    expect(parseRoute(href.projector('b1'))).toEqual({ page: 'projector', board: 'b1' });
    expect(parseRoute(href.projectorLink('b1', 'v_k'))).toEqual({ page: 'projector-link', board: 'b1', key: 'v_k' });
  });

  it('makes whole links to copy, keys in the fragment only', () => {
    const page = { origin: 'https://talkoot.example', pathname: '/' };
    const link = shareableLink(href.projectorLink('b1', 'v_k'), page);
    expect(link).toBe('https://talkoot.example/#/b/b1/p/v_k');
    const url = new URL(link);
    expect(url.pathname + url.search).toBe('/');
  });
});
