import { describe, expect, it } from 'vitest';
import { changedSince, createRequest, draftFrom, findTemplate } from './new-board-draft';
import type { Template } from '../protocol/generated';

const phase = { instruction: 'Lukekaa.', posting_open: false, private_notes: false, voting_open: false, votes_shown: false };

const network: Template = {
  kind: 'service_network',
  language: 'fi',
  name: 'Palveluverkko tutuksi',
  summary: 'Ryhmät roolien mukaan.',
  board: {
    title: 'Palveluverkko tutuksi',
    description: 'Asiakastapaus (kuvitteellinen)',
    language: 'fi',
    sections: [
      { title: 'Sosiaalityö', colour: 'blue' },
      { title: 'Terveydenhuolto', colour: 'green' },
    ],
    phases: [
      { title: 'Tutustu tapaukseen', ...phase },
      { title: 'Kirjoita', ...phase, posting_open: true, private_notes: true },
    ],
  },
};
const blankSv: Template = {
  kind: 'blank',
  language: 'sv',
  name: 'Tom tavla',
  summary: '…',
  board: { title: '', description: '', language: 'sv', sections: [], phases: [{ title: 'Skriv', ...phase }] },
};

let n = 0;
const ids = () => `id-${n++}`;

describe('the create form draft', () => {
  it('finds a template by kind and language', () => {
    expect(findTemplate([network, blankSv], 'blank', 'sv')).toBe(blankSv);
    expect(findTemplate([network, blankSv], 'blank', 'fi')).toBeUndefined();
  });

  it('fills in everything a template sets, with form-only keys', () => {
    const draft = draftFrom(network, ids);
    expect(draft.title).toBe('Palveluverkko tutuksi');
    expect(draft.description).toBe('Asiakastapaus (kuvitteellinen)');
    expect(draft.sections.map((s) => [s.title, s.colour])).toEqual([
      ['Sosiaalityö', 'blue'],
      ['Terveydenhuolto', 'green'],
    ]);
    expect(draft.phases.map((p) => p.title)).toEqual(['Tutustu tapaukseen', 'Kirjoita']);
    const keys = [...draft.sections.map((s) => s.key), ...draft.phases.map((p) => p.id)];
    expect(new Set(keys).size).toBe(4);
  });

  it('tells a draft the facilitator changed from one as the template left it', () => {
    const draft = draftFrom(network, ids);
    expect(changedSince(draft, network)).toBe(false);
    draft.phases[1]!.private_notes = false;
    expect(changedSince(draft, network)).toBe(true);

    const renamed = draftFrom(network, ids);
    renamed.sections[0]!.title = 'Aikuissosiaalityö';
    expect(changedSince(renamed, network)).toBe(true);
    const retitled = draftFrom(network, ids);
    retitled.title = 'Oma työpaja';
    expect(changedSince(retitled, network)).toBe(true);
    expect(changedSince(draftFrom(network, ids), blankSv)).toBe(true);
  });

  it('counts an empty draft as unchanged when no template filled it', () => {
    expect(changedSince({ title: '', description: '', sections: [], phases: [] }, undefined)).toBe(false);
    expect(changedSince({ title: 'T', description: '', sections: [], phases: [] }, undefined)).toBe(true);
  });

  it('sends the draft trimmed, without form keys, and leaves the phases to the server when asked', () => {
    const draft = draftFrom(network, ids);
    draft.title = '  Palveluverkko, osa 1  ';
    draft.phases[0]!.title = ' Tapaus ';
    const request = createRequest(draft, 'fi', true);
    expect(request).toEqual({
      title: 'Palveluverkko, osa 1',
      description: 'Asiakastapaus (kuvitteellinen)',
      language: 'fi',
      sections: [
        { title: 'Sosiaalityö', colour: 'blue' },
        { title: 'Terveydenhuolto', colour: 'green' },
      ],
      phases: [
        { title: 'Tapaus', ...phase },
        { title: 'Kirjoita', ...phase, posting_open: true, private_notes: true },
      ],
    });
    expect('phases' in createRequest(draft, 'fi', false)).toBe(false);
  });
});
