import { Viewer, canSeeTie, countsInCompanyReach, countsInTerritoryReach } from './tie-visibility';
import { TIE_VISIBILITIES, TieStatus, TieVisibility } from './tie.events';

const viewer = (personId: string, over: Partial<Viewer> = {}): Viewer => ({ personId, companyIds: [], adminOf: [], platformRoles: [], ...over });

const alice = viewer('p-alice');
const bob = viewer('p-bob');
const member = viewer('p-carol', { companyIds: ['c-1'] });
const admin = viewer('p-dan', { companyIds: ['c-1'], adminOf: ['c-1'] });
const coordinator = viewer('p-erin', { platformRoles: ['territory_coordinator'] });
const root = viewer('p-root', { platformRoles: ['platform_admin'] });
const others = [member, admin, coordinator, root];

const STATUSES: TieStatus[] = ['proposed', 'confirmed', 'declined', 'ended', 'erased'];
const tie = (status: TieStatus, effective: TieVisibility) => ({ people: ['p-alice', 'p-bob'], status, effective });

describe('canSeeTie', () => {
  it('shows the tie to its two people in every status but erased', () => {
    for (const status of STATUSES) {
      for (const effective of TIE_VISIBILITIES) {
        expect(canSeeTie(tie(status, effective), alice)).toBe(status !== 'erased');
        expect(canSeeTie(tie(status, effective), bob)).toBe(status !== 'erased');
      }
    }
  });

  it('shows it to anyone else only when confirmed and open to members', () => {
    for (const status of STATUSES) {
      for (const effective of TIE_VISIBILITIES) {
        for (const v of others) {
          expect(canSeeTie(tie(status, effective), v)).toBe(status === 'confirmed' && effective === 'members');
        }
      }
    }
  });

  it('gives no role a look at a private, company or territory tie', () => {
    for (const effective of ['private', 'company', 'territory'] as const) {
      expect(canSeeTie(tie('confirmed', effective), root)).toBe(false);
      expect(canSeeTie(tie('confirmed', effective), coordinator)).toBe(false);
      expect(canSeeTie(tie('confirmed', effective), admin)).toBe(false);
    }
  });
});

describe('reach', () => {
  it('counts company, territory and members ties in the companies\' aggregates', () => {
    expect(TIE_VISIBILITIES.filter(countsInCompanyReach)).toEqual(['company', 'territory', 'members']);
  });
  it('counts territory and members ties in the territory\'s aggregates', () => {
    expect(TIE_VISIBILITIES.filter(countsInTerritoryReach)).toEqual(['territory', 'members']);
  });
  it('never counts a private tie', () => {
    expect(countsInCompanyReach('private')).toBe(false);
    expect(countsInTerritoryReach('private')).toBe(false);
  });
});
