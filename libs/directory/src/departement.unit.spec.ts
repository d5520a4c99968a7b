import { departementOfPostalCode } from './departement';

describe('departementOfPostalCode', () => {
  it.each([
    ['69002', '69'],
    ['01000', '01'],
    ['20000', '2A'],
    ['20169', '2A'],
    ['20200', '2B'],
    ['20600', '2B'],
    ['97110', '971'],
    ['97600', '976'],
  ])('%s is in %s', (code, departement) => expect(departementOfPostalCode(code)).toBe(departement));

  it.each(['98000', '97800', '00100', '6900', 'ABCDE'])('%s has none', (code) => expect(departementOfPostalCode(code)).toBeUndefined());

  it('has none outside France', () => expect(departementOfPostalCode('69002', 'BE')).toBeUndefined());
});
