import { TERRITORIES_PERSONAL_DATA, contactSubject, territoryDecider, territoryStreamId } from './index';

describe('territories personal data', () => {
  it('the contact email of an imported member, under a subject of its own per territory and firm', () => {
    expect(contactSubject('terr-1', '732829320')).toBe('territory-contact-terr-1-732829320');
    const imported = TERRITORIES_PERSONAL_DATA.MemberImported;
    expect(imported?.fields).toEqual(['contactEmail']);
    expect(imported?.subject({ territoryId: 'terr-1', siren: '732829320' })).toBe('territory-contact-terr-1-732829320');
    const updated = TERRITORIES_PERSONAL_DATA.MemberDetailsUpdated;
    expect(updated?.fields).toEqual(['changes.contactEmail']);
    expect(updated?.subject({ territoryId: 'terr-1', siren: '732829320' })).toBe('territory-contact-terr-1-732829320');
  });

  it('no other event carries personal data', () => {
    expect(Object.keys(TERRITORIES_PERSONAL_DATA).sort()).toEqual(['MemberDetailsUpdated', 'MemberImported']);
  });

  it('the index exports the decider and the stream naming', () => {
    expect(territoryStreamId('t')).toBe('territory-t');
    expect(territoryDecider.initialState()).toEqual({ status: 'none' });
  });
});
