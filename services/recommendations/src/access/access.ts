import { Injectable } from '@nestjs/common';
import { DirectoryViewer, viewerOf } from '@opn/directory';
import { Actor, NotFoundError } from '@opn/kernel';
import { NetworkIndex } from '../read-models/network/network.index';
import { NetworkSnapshots } from '../read-models/network/network.snapshots';

export type Viewer = DirectoryViewer;

export const isPlatformAdmin = (v: Viewer): boolean => v.platformRoles.includes('platform_admin');

/**
 * Every authorisation decision of the service (ADR 0016), from identity's and territories' events
 * mirrored in memory: a company's recommendations are for its members, a need's partners for the
 * members of the company that published it, a territory's weaving queue for its coordinators (and
 * those of the territories it is nested in) and platform admins. Anything else is the same 404 as
 * an unknown id.
 */
@Injectable()
export class Access {
  constructor(
    private readonly network: NetworkIndex,
    private readonly snapshots: NetworkSnapshots,
  ) {}

  viewer(actor: Actor): Viewer {
    this.snapshots.ensureLoaded();
    return viewerOf(actor.personId, this.network.people.get(actor.personId) ?? null);
  }

  /** True when identity's events made the person known here (and they are not erased). */
  known(personId: string): boolean {
    const p = this.network.people.get(personId);
    return !!p && !p.erased;
  }

  /** The viewer, when a member of the company (404 otherwise, as for an unknown company). */
  memberOf(actor: Actor, companyId: string): Viewer {
    const viewer = this.viewer(actor);
    if (!viewer.companyIds.includes(companyId) || !this.network.firms.has(companyId)) throw new NotFoundError('company not found');
    return viewer;
  }

  /** The need, for the members of the company that published it (404 for anyone else). */
  need(actor: Actor, needId: string) {
    const viewer = this.viewer(actor);
    const need = this.network.needs.get(needId);
    if (!need || !viewer.companyIds.includes(need.companyId)) throw new NotFoundError('need not found');
    return { viewer, need };
  }

  /** The territory, for its coordinators (nesting included) and platform admins (404 for anyone else). */
  coordinated(actor: Actor, territoryId: string) {
    const viewer = this.viewer(actor);
    const territory = this.network.territories.get(territoryId);
    const coordinator = territory && this.network.territoryAndParents(territoryId).some((id) => this.network.territories.get(id)?.coordinators.includes(viewer.personId));
    if (!territory || !(coordinator || isPlatformAdmin(viewer))) throw new NotFoundError('territory not found');
    return { viewer, territory };
  }
}
