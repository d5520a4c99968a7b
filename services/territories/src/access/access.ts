import { Inject, Injectable } from '@nestjs/common';
import { DirectoryViewer, PersonDocument, viewerOf } from '@opn/directory';
import { Actor, ForbiddenError, NotFoundError, UnavailableError } from '@opn/kernel';
import { MONGO } from '@opn/service-kit';
import type { Connection } from 'mongoose';
import { peopleProjection } from '../read-models';
import { NetworkIndex } from '../read-models/network/network.index';
import { MembershipIndex } from '../read-models/roster/memberships.projection';
import { TerritoryIndex, TerritoryView } from '../read-models/territories/territories.projection';

/** Who is asking, as territories' read model of identity's events says (never the token's claims alone). */
export type Viewer = DirectoryViewer;

export const isPlatformAdmin = (v: Viewer) => v.platformRoles.includes('platform_admin');

/** A firm acting in a territory's roster: its company on the platform and its SIREN. */
export interface ActingFirm {
  viewer: Viewer;
  companyId: string;
  siren: string;
}

/**
 * Every authorisation decision of the service (ADR 0013): people and companies from identity's
 * events over Kafka, coordinators from territories' own log. A territory's roster, applications,
 * dashboard and exports exist only for its coordinators (and those of the territories it is
 * nested in) and platform admins: anyone else gets the 404 of an unknown territory.
 */
@Injectable()
export class Access {
  constructor(
    @Inject(MONGO) private readonly mongo: Connection,
    private readonly territories: TerritoryIndex,
    private readonly network: NetworkIndex,
    private readonly memberships: MembershipIndex,
  ) {}

  /**
   * 503 while the read models in memory load at start-up: the territories and rosters replay the
   * log, the network mirror waits for MongoDB (answering from half-loaded maps would be wrong).
   */
  ensureLoaded(): void {
    if (!this.territories.caughtUp || !this.memberships.caughtUp || !this.network.loaded) {
      throw new UnavailableError('territories are still loading; retry in a few seconds');
    }
  }

  async viewer(actor: Actor): Promise<Viewer> {
    this.ensureLoaded();
    const doc = await this.mongo.collection<PersonDocument & { _id: string }>(peopleProjection.collection).findOne({ _id: actor.personId }, { projection: { companies: 1, platformRoles: 1, erased: 1 } });
    return viewerOf(actor.personId, doc);
  }

  /** A person territories knows from identity's events (404 otherwise: an unknown or erased person). */
  async knownPerson(personId: string): Promise<void> {
    const doc = await this.mongo.collection<PersonDocument & { _id: string }>(peopleProjection.collection).findOne({ _id: personId }, { projection: { erased: 1 } });
    if (!doc || doc.erased) throw new NotFoundError('person not found');
  }

  /** Any territory that exists (the public catalogue firms apply from). */
  territory(territoryId: string): TerritoryView {
    this.ensureLoaded();
    const t = this.territories.get(territoryId);
    if (!t) throw new NotFoundError('territory not found');
    return t;
  }

  canCoordinate(viewer: Viewer, territoryId: string): boolean {
    return isPlatformAdmin(viewer) || this.territories.coordinates(viewer.personId, territoryId);
  }

  /** The viewer as a coordinator of the territory (or of one it is nested in), or a platform admin: 404 otherwise. */
  async coordinator(actor: Actor, territoryId: string): Promise<{ viewer: Viewer; territory: TerritoryView }> {
    const viewer = await this.viewer(actor);
    const territory = this.territories.get(territoryId);
    if (!territory || !this.canCoordinate(viewer, territoryId)) throw new NotFoundError('territory not found');
    return { viewer, territory };
  }

  /**
   * Who may create a territory under `parentId` (none: a top-level one) and appoint its
   * coordinators: a platform admin, or a coordinator of the parent. 404 for a parent the viewer
   * cannot see, 403 for a top-level territory asked by someone who is not a platform admin.
   */
  async parentAuthority(actor: Actor, parentId: string | undefined): Promise<Viewer> {
    const viewer = await this.viewer(actor);
    if (parentId === undefined) {
      if (!isPlatformAdmin(viewer)) throw new ForbiddenError('only a platform admin creates a top-level territory');
      return viewer;
    }
    if (!this.territories.get(parentId) || !this.canCoordinate(viewer, parentId)) throw new NotFoundError('territory not found');
    return viewer;
  }

  /** The viewer acting for `companyId` as its company admin (404 not a member or unknown to territories, 403 a plain member). */
  async firmAdmin(actor: Actor, companyId: string): Promise<ActingFirm> {
    const firm = await this.firmMember(actor, companyId);
    if (!firm.viewer.adminOf.includes(companyId)) throw new ForbiddenError("only a company admin acts for the company in a territory's roster");
    return firm;
  }

  /** The viewer as a member of `companyId` (404 otherwise): reads the firm's own applications and memberships. */
  async firmMember(actor: Actor, companyId: string): Promise<ActingFirm> {
    const viewer = await this.viewer(actor);
    const firm = this.network.firms.get(companyId);
    if (!viewer.companyIds.includes(companyId) || !firm) throw new NotFoundError('company not found');
    return { viewer, companyId, siren: firm.siren };
  }
}
