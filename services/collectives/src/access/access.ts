import { Inject, Injectable } from '@nestjs/common';
import { DirectoryViewer, PersonDocument, viewerOf } from '@opn/directory';
import { Actor, ForbiddenError, NotFoundError, UnavailableError, dateOf, invalid, nafCodeMatches } from '@opn/kernel';
import { MONGO } from '@opn/service-kit';
import type { Connection } from 'mongoose';
import type { CollectivePerimeter } from '../domain';
import { CollectiveIndex, firmsProjection, peopleProjection, territoriesProjection, territoryMembershipsProjection } from '../read-models';
import type { CollectiveView } from '../read-models/collectives/collectives.projection';
import type { FirmDocument, TerritoryDocument, TerritoryMembershipDocument } from '../read-models/directory/network.projections';

/** Who is asking, as collectives' read model of identity's events says (never the token's claims alone). */
export type Viewer = DirectoryViewer;

export const isPlatformAdmin = (v: Viewer) => v.platformRoles.includes('platform_admin');

/** Where a person's firms are: each firm's sector and the territories it is a member of (with the territories those are nested in). */
export interface Reach {
  firms: Array<{ companyId: string; nafCode: string; territories: Set<string> }>;
}

/** The viewer's relation to a collective. */
export type Standing = 'member' | 'guest' | 'invited' | 'alumnus' | 'outsider';

type Doc<T> = T & { _id: string };

/**
 * Every authorisation decision of the service (ADR 0014). People and firms come from identity's
 * events, territories and their rosters from territories' events, and collectives from the
 * service's own log. An open collective's card is visible to every signed-in user (its
 * perimeter says who may join); everything of an invitation-only collective is a 404 to anyone
 * neither in it, invited, an alumnus nor a platform admin. Activity, members and elections are
 * for the people in it.
 */
@Injectable()
export class Access {
  constructor(
    @Inject(MONGO) private readonly mongo: Connection,
    private readonly index: CollectiveIndex,
  ) {}

  /** 503 while the collectives replay from the log at start-up (answering from half-loaded maps would be wrong). */
  ensureLoaded(): void {
    if (!this.index.caughtUp) throw new UnavailableError('collectives are still loading; retry in a few seconds');
  }

  async viewer(actor: Actor): Promise<Viewer> {
    this.ensureLoaded();
    const doc = await this.mongo.collection<Doc<PersonDocument>>(peopleProjection.collection).findOne({ _id: actor.personId }, { projection: { companies: 1, platformRoles: 1, erased: 1 } });
    return viewerOf(actor.personId, doc);
  }

  /** A person collectives knows from identity's events (404 otherwise: an unknown or erased person). */
  async knownPerson(personId: string): Promise<void> {
    const doc = await this.mongo.collection<Doc<PersonDocument>>(peopleProjection.collection).findOne({ _id: personId }, { projection: { erased: 1 } });
    if (!doc || doc.erased) throw new NotFoundError('person not found');
  }

  standing(viewer: Viewer, c: CollectiveView): Standing {
    const m = c.members[viewer.personId];
    if (m) return m.role === 'guest' ? 'guest' : 'member';
    if (c.invitations[viewer.personId]) return 'invited';
    if (c.alumni?.some((a) => a.personId === viewer.personId)) return 'alumnus';
    return 'outsider';
  }

  /** True when the viewer may know the collective exists. */
  canSee(viewer: Viewer, c: CollectiveView): boolean {
    return c.access === 'open' || isPlatformAdmin(viewer) || this.standing(viewer, c) !== 'outsider';
  }

  /** The collective, when the viewer may see it (the same 404 as an unknown collective otherwise). */
  async visible(actor: Actor, collectiveId: string): Promise<{ viewer: Viewer; collective: CollectiveView }> {
    const viewer = await this.viewer(actor);
    const collective = this.index.get(collectiveId);
    if (!collective || !this.canSee(viewer, collective)) throw new NotFoundError('collective not found');
    return { viewer, collective };
  }

  /**
   * The collective for someone in it (a member or a guest) or, once it dissolved, one of its
   * alumni; a platform admin reads it too. 404 when the viewer cannot see it, 403 for an outsider
   * of an open collective.
   */
  async inside(actor: Actor, collectiveId: string): Promise<{ viewer: Viewer; collective: CollectiveView; standing: Standing }> {
    const { viewer, collective } = await this.visible(actor, collectiveId);
    const standing = this.standing(viewer, collective);
    if (standing === 'member' || standing === 'guest' || standing === 'alumnus' || isPlatformAdmin(viewer)) return { viewer, collective, standing };
    throw new ForbiddenError("only the collective's members and guests see this");
  }

  /** The companies the viewer acts for: a company named must be one of theirs. */
  ownCompany(viewer: Viewer, companyId: string | undefined): string | undefined {
    if (companyId !== undefined && !viewer.companyIds.includes(companyId)) throw invalid('companyId', 'must be a company you are a member of');
    return companyId;
  }

  /** The viewer's firms with their sectors and territories (admitted memberships not lapsed, with their parents). */
  async reach(viewer: Viewer, now: string): Promise<Reach> {
    if (viewer.companyIds.length === 0) return { firms: [] };
    const firms = await this.mongo
      .collection<Doc<FirmDocument>>(firmsProjection.collection)
      .find({ _id: { $in: viewer.companyIds } })
      .toArray();
    const sirens = firms.map((f) => f.siren);
    const memberships = await this.mongo
      .collection<Doc<TerritoryMembershipDocument>>(territoryMembershipsProjection.collection)
      .find({ siren: { $in: sirens }, status: 'admitted' })
      .toArray();
    const today = dateOf(now);
    const current = memberships.filter((m) => m.validUntil === undefined || m.validUntil >= today);
    const lineage = await this.lineages(current.map((m) => m.territoryId));
    return {
      firms: firms.map((f) => ({
        companyId: f._id,
        nafCode: f.nafCode,
        territories: new Set(current.filter((m) => m.siren === f.siren).flatMap((m) => lineage.get(m.territoryId) ?? [m.territoryId])),
      })),
    };
  }

  /** Each territory with the territories it is nested in. */
  private async lineages(territoryIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const known = new Map<string, TerritoryDocument>();
    let wanted = [...new Set(territoryIds)];
    for (let depth = 0; depth < 10 && wanted.length > 0; depth++) {
      const docs = await this.mongo
        .collection<Doc<TerritoryDocument>>(territoriesProjection.collection)
        .find({ _id: { $in: wanted } })
        .toArray();
      for (const d of docs) known.set(d._id, d);
      wanted = docs.map((d) => d.parentId).filter((p): p is string => p !== undefined && !known.has(p));
    }
    for (const t of new Set(territoryIds)) {
      const chain: string[] = [];
      for (let id: string | undefined = t; id !== undefined && !chain.includes(id); id = known.get(id)?.parentId) chain.push(id);
      out.set(t, chain);
    }
    return out;
  }

  /** The firms of the viewer (or the one named) that fall in a perimeter: a territory of it or nested in it, and one of its sectors. */
  inPerimeter(reach: Reach, perimeter: CollectivePerimeter, companyId?: string): boolean {
    const unlimited = perimeter.territories.length === 0 && perimeter.sectors.length === 0;
    if (unlimited) return true;
    return reach.firms
      .filter((f) => companyId === undefined || f.companyId === companyId)
      .some(
        (f) =>
          (perimeter.territories.length === 0 || perimeter.territories.some((t) => f.territories.has(t))) &&
          (perimeter.sectors.length === 0 || perimeter.sectors.some((s) => nafCodeMatches(f.nafCode, s))),
      );
  }

  /** Territories named in a perimeter that territories never published: 400 naming each. */
  async knownTerritories(territoryIds: readonly string[]): Promise<void> {
    if (territoryIds.length === 0) return;
    const found = await this.mongo
      .collection<Doc<TerritoryDocument>>(territoriesProjection.collection)
      .find({ _id: { $in: [...territoryIds] } }, { projection: { _id: 1 } })
      .toArray();
    const ids = new Set(found.map((d) => d._id));
    const unknown = territoryIds.filter((t) => !ids.has(t));
    if (unknown.length > 0) throw invalid('perimeter.territories', `unknown territories: ${unknown.join(', ')}`);
  }
}
