import { describe, expect, it } from 'vitest';
import { href, parseRoute, shareableLink } from './route';

describe('routes', () => {
  it('reads every place from the fragment', () => {
    expect(parseRoute('')).toEqual({ page: 'landing', code: null });
    expect(parseRoute('#/')).toEqual({ page: 'landing', code: null });
    expect(parseRoute('#/new')).toEqual({ page: 'create' });
    expect(parseRoute('#/join/48215903')).toEqual({ page: 'landing', code: '48215903' });
    expect(parseRoute('#/join/4821%205903')).toEqual({ page: 'landing', code: '4821 5903' });
    expect(parseRoute('#/b/0190f3a2-7b1c-7c3d-8e4f-0123456789ab')).toEqual({
      page: 'board',
      board: '0190f3a2-7b1c-7c3d-8e4f-0123456789ab',
    });
    expect(parseRoute('#/b/board_1/f/f_AbC-123')).toEqual({
      page: 'facilitator-link',
      board: 'board_1',
      key: 'f_AbC-123',
    });
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

  it('makes links that read back as the same place', () => {
    expect(parseRoute(href.landing())).toEqual({ page: 'landing', code: null });
    expect(parseRoute(href.create())).toEqual({ page: 'create' });
    expect(parseRoute(href.join('4821 5903'))).toEqual({ page: 'landing', code: '4821 5903' });
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
