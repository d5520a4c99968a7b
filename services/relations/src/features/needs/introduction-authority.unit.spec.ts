import { ForbiddenError } from '@opn/kernel';
import type { Viewer } from '../../access/access';
import { introductionAuthority, knowsBothSides } from './needs.handler';

const viewer = (over: Partial<Viewer> = {}): Viewer => ({ personId: 'x', companyIds: [], adminOf: [], platformRoles: [], consents: { personal_ties: true, warm_introductions: false }, ...over });
const sides = [
  { companyId: 'A', members: ['a1', 'a2'] },
  { companyId: 'B', members: ['b1'] },
];

describe('who may introduce a partner to a need', () => {
  it('a person knows both sides through membership or a confirmed tie, for each company', () => {
    expect(knowsBothSides(viewer({ companyIds: ['A'] }), new Set(['b1']), sides)).toBe(true);
    expect(knowsBothSides(viewer(), new Set(['a2', 'b1']), sides)).toBe(true);
    expect(knowsBothSides(viewer({ companyIds: ['A', 'B'] }), new Set(), sides)).toBe(true);
    expect(knowsBothSides(viewer({ companyIds: ['A'] }), new Set(['a1']), sides)).toBe(false);
    expect(knowsBothSides(viewer(), new Set(['b1']), sides)).toBe(false);
  });

  it('platform, coordinator and person each need their own standing', () => {
    expect(introductionAuthority(viewer({ platformRoles: ['platform_admin'] }), 'platform', false)).toBe('platform_admin');
    expect(introductionAuthority(viewer({ platformRoles: ['territory_coordinator'] }), 'coordinator', false)).toBe('coordinator');
    expect(introductionAuthority(viewer(), 'person', true)).toBe('member');
    expect(() => introductionAuthority(viewer({ platformRoles: ['territory_coordinator'] }), 'platform', true)).toThrow(ForbiddenError);
    expect(() => introductionAuthority(viewer({ platformRoles: ['platform_admin'] }), 'coordinator', true)).toThrow(ForbiddenError);
    expect(() => introductionAuthority(viewer({ companyIds: ['A'] }), 'person', false)).toThrow(/knows both sides/);
  });
});
