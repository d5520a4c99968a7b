import { Why, explained, matchWhy, whyText } from './why';

describe('why a result is there', () => {
  it('words each reason in English as the API always did, from the same data the web app translates', () => {
    const cases: Array<[Why, string]> = [
      [matchWhy({ field: 'capabilities', concept: 'milling', needWords: 'Fraisage', companyWords: 'milling' }, 'need'), 'can do «milling», which your need asks for as «Fraisage»'],
      [matchWhy({ field: 'offers', concept: null, needWords: 'Série', companyWords: 'série' }, 'search'), 'offers «série», which you look for'],
      [{ code: 'common_partners', count: 1, names: ['Beta Peinture'] }, '1 partner in common (Beta Peinture)'],
      [{ code: 'common_partners', count: 2, names: [] }, '2 partners in common'],
      [{ code: 'common_contacts', count: 3 }, '3 contacts in common'],
      [{ code: 'three_step_chains', count: 1 }, '1 chain of three ties between you'],
      [{ code: 'bridge' }, 'in another circle of the network than yours: a bridge'],
      [{ code: 'other_sector', naf: '62' }, 'another sector (NAF 62)'],
      [{ code: 'elsewhere', city: 'Angers' }, 'elsewhere (Angers)'],
      [{ code: 'in_territory' }, 'in your territory'],
      [{ code: 'in_departement' }, 'in your département'],
    ];
    for (const [why, text] of cases) expect(whyText(why)).toBe(text);
    expect(explained(cases.map(([w]) => w)).reasons).toEqual(cases.map(([, t]) => t));
  });

  it('marks a match found under other words (accents and case aside, the same words are the same)', () => {
    expect(matchWhy({ field: 'name', concept: null, needWords: 'Série', companyWords: 'serie' }, 'need')).toMatchObject({ same: true });
    expect(matchWhy({ field: 'name', concept: null, needWords: 'usinage', companyWords: 'machining' }, 'need')).toMatchObject({ same: false });
  });
});
