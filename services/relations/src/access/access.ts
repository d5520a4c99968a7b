import { Inject, Injectable } from '@nestjs/common';
import { DirectoryViewer, viewerOf } from '@opn/directory';
import { Actor, ForbiddenError, NotFoundError } from '@opn/kernel';
import { MONGO } from '@opn/service-kit';
import type { Connection } from 'mongoose';
import { CompanyDocument, companiesProjection } from '../read-models/directory/companies.projection';
import { PersonDocument, peopleProjection } from '../read-models/directory/people.projection';

/** Who is asking, as relations' own read model of identity's events says (never the token's claims alone). */
export type Viewer = DirectoryViewer;

export type KnownCompany = CompanyDocument & { _id: string };

export const isCoordinator = (v: Viewer) => v.platformRoles.includes('territory_coordinator');
export const isPlatformAdmin = (v: Viewer) => v.platformRoles.includes('platform_admin');
/** Coordinators and platform admins moderate and see the moderation queue. */
export const isModerator = (v: Viewer) => isCoordinator(v) || isPlatformAdmin(v);

/**
 * Every authorisation decision of the service, from the people and companies read models that
 * identity's events feed over Kafka (ADR 0012). A person who is not a member of a company gets
 * the 404 of an unknown company (no 403 oracle); a member lacking the admin role gets 403.
 */
@Injectable()
export class Access {
  constructor(@Inject(MONGO) private readonly mongo: Connection) {}

  private get people() {
    return this.mongo.collection<PersonDocument & { _id: string }>(peopleProjection.collection);
  }

  private get companiesCollection() {
    return this.mongo.collection<KnownCompany>(companiesProjection.collection);
  }

  async viewer(actor: Actor): Promise<Viewer> {
    return viewerOf(actor.personId, await this.people.findOne({ _id: actor.personId }, { projection: { companies: 1, platformRoles: 1, consents: 1, erased: 1 } }));
  }

  /** The viewer acting for `companyId`, of which they must be a member (404 otherwise). */
  async member(actor: Actor, companyId: string): Promise<Viewer> {
    const viewer = await this.viewer(actor);
    if (!viewer.companyIds.includes(companyId)) throw new NotFoundError('company not found');
    return viewer;
  }

  /** The viewer acting for `companyId` as its company admin (404 not a member, 403 a plain member). */
  async admin(actor: Actor, companyId: string): Promise<Viewer> {
    const viewer = await this.member(actor, companyId);
    if (!viewer.adminOf.includes(companyId)) throw new ForbiddenError('only a company admin can do this for the company');
    return viewer;
  }

  async company(companyId: string): Promise<KnownCompany | null> {
    return this.companiesCollection.findOne({ _id: companyId });
  }

  /** A company another one names (a partner, a relation's other side): 404 when relations does not know it. */
  async existingCompany(companyId: string, field = 'company'): Promise<KnownCompany> {
    const company = await this.company(companyId);
    if (!company || !company.legalName) throw new NotFoundError(`${field} not found`);
    return company;
  }

  async companies(ids: readonly string[]): Promise<Map<string, KnownCompany>> {
    const out = new Map<string, KnownCompany>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 100) {
      for (const doc of await this.companiesCollection.find({ _id: { $in: unique.slice(i, i + 100) } }).toArray()) out.set(doc._id, doc);
    }
    return out;
  }

  /** The companies relations locates in a département (a territory's reach). */
  async companiesIn(departement: string): Promise<KnownCompany[]> {
    return this.companiesCollection.find({ departement }).toArray();
  }

  /** People's read-model documents, by id (for the companies of the other ends of ties). */
  async peopleById(ids: readonly string[]): Promise<Map<string, PersonDocument & { _id: string }>> {
    const out = new Map<string, PersonDocument & { _id: string }>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 100) {
      for (const doc of await this.people.find({ _id: { $in: unique.slice(i, i + 100) } }).toArray()) out.set(doc._id, doc);
    }
    return out;
  }
}
