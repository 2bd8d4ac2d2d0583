import { describe, expect, it } from 'vitest';
import { contactDetailsIn, identityCodeIn, personalDataIn } from './personal-data';
import file from '../../../shared/tests/personal_data_vectors.json?raw';

/** The same vectors shared/src/personal_data.rs is tested with. */
const vectors = JSON.parse(file) as {
  identity_codes: { text: string; found: string | null; why: string }[];
  contact_details: { text: string; found: string[]; why: string }[];
};

describe('identity codes, as the server finds them', () => {
  it('has the shared vectors', () => {
    expect(vectors.identity_codes.length).toBeGreaterThan(40);
  });

  for (const v of vectors.identity_codes) {
    it(`${v.why}: ${JSON.stringify(v.text)}`, () => {
      expect(identityCodeIn(v.text)).toBe(v.found);
    });
  }

  it('finds exactly one check character for each individual number', () => {
    const checks = '0123456789ABCDEFHJKLMNPRSTUVWXY';
    for (let individual = 2; individual <= 999; individual++) {
      const z = String(individual).padStart(3, '0');
      const fitting = [...checks].filter((q) => identityCodeIn(`010203A${z}${q}`) !== null);
      expect(fitting, z).toHaveLength(1);
    }
  });
});

describe('contact details the browser warns about', () => {
  for (const v of vectors.contact_details) {
    it(`${v.why}: ${JSON.stringify(v.text)}`, () => {
      expect(contactDetailsIn(v.text)).toEqual(v.found);
    });
  }
});

describe('what stands in the way of posting', () => {
  it('refuses an identity code before it warns about a phone number', () => {
    expect(personalDataIn('131052-308T, puh. 040 123 4567')).toEqual({ kind: 'identity_code' });
    expect(personalDataIn('puh. 040 123 4567')).toEqual({ kind: 'contact_details', found: ['040 123 4567'] });
    expect(personalDataIn('Jonot ovat pitkiä')).toBeNull();
  });
});
