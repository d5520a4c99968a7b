import { TieStatus, TieVisibility } from './tie.events';

/** Who is looking, as the application layer resolved it from the session and its memberships. */
export type Viewer = {
  personId: string;
  companyIds: string[];
  adminOf: string[];
  platformRoles: ('territory_coordinator' | 'platform_admin')[];
};

/**
 * May this viewer see this tie itself (not an aggregate)? The two people always, whatever its
 * status, until it is erased; anyone else only a confirmed tie both sides opened to members.
 * No role widens this: company admins, coordinators and platform admins see aggregates only.
 */
export function canSeeTie(tie: { people: readonly string[]; effective: TieVisibility; status: TieStatus }, viewer: Viewer): boolean {
  if (tie.status === 'erased') return false;
  if (tie.people.includes(viewer.personId)) return true;
  return tie.status === 'confirmed' && tie.effective === 'members';
}

/** Whether a confirmed tie counts in its people's companies' aggregates. */
export const countsInCompanyReach = (effective: TieVisibility): boolean =>
  effective === 'company' || effective === 'territory' || effective === 'members';

/** Whether a confirmed tie counts in the territory coordinators' aggregates. */
export const countsInTerritoryReach = (effective: TieVisibility): boolean => effective === 'territory' || effective === 'members';
