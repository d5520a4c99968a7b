import { Injectable } from '@nestjs/common';
import type { PersonDocument } from '@opn/directory';
import { CompanyDocument, PartnerIndex } from '@opn/recommender';
import { KafkaMirror } from '@opn/service-kit';
import { peopleProjection } from '../people';
import {
  AlumniTieDocument,
  CompanyRelationDocument,
  FirmDocument,
  NeedDocument,
  TerritoryDocument,
  TerritoryMembershipDocument,
  TieDocument,
  alumniTiesProjection,
  companyRelationsProjection,
  firmsProjection,
  needsProjection,
  territoriesProjection,
  territoryMembershipsProjection,
  tiesProjection,
} from './network.projections';

/**
 * Every Kafka-fed read model of the service: identity's people and companies, relations'
 * relations, ties and needs, collectives' alumni ties, territories' territories and rosters.
 */
export const NETWORK_PROJECTIONS = [
  peopleProjection,
  firmsProjection,
  companyRelationsProjection,
  tiesProjection,
  alumniTiesProjection,
  needsProjection,
  territoriesProjection,
  territoryMembershipsProjection,
];

/** Tag of a territory in a company's search document (the territory filter). */
export const territoryTag = (territoryId: string): string => `t:${territoryId}`;
/** Tag of a département in a company's search document (a `territory` need's reach). */
export const departementTag = (departement: string): string => `d:${departement}`;

/**
 * The network as the other services published it, in memory (ADR 0016): people with their
 * companies and consents, companies' profiles, relations, visible ties, alumni ties, needs,
 * territories and their rosters, mirrored from the Kafka-fed collections. Partner search's index
 * is kept up to date here, one company at a time; the graphs are derived from these maps when
 * `version` moved (see NetworkSnapshots).
 */
@Injectable()
export class NetworkIndex extends KafkaMirror {
  readonly projections = NETWORK_PROJECTIONS;
  readonly people = new Map<string, PersonDocument>();
  /** Company -> its current members (people not erased). */
  private readonly members = new Map<string, Set<string>>();
  /** Person -> their current companies (none when erased). */
  private readonly companiesOf = new Map<string, string[]>();
  readonly firms = new Map<string, FirmDocument>();
  readonly firmBySiren = new Map<string, string>();
  readonly relations = new Map<string, CompanyRelationDocument>();
  readonly ties = new Map<string, TieDocument>();
  readonly alumni = new Map<string, AlumniTieDocument>();
  readonly needs = new Map<string, NeedDocument>();
  readonly territories = new Map<string, TerritoryDocument>();
  /** SIREN -> territories the firm is an admitted member of. */
  readonly territoriesOf = new Map<string, Set<string>>();
  /** Company -> needs it won an agreement on as the partner (the search prior for firms that deliver). */
  private readonly agreements = new Map<string, Set<string>>();
  readonly partners = new PartnerIndex();
  /** Moves with every change of the network the graphs are built from: snapshots and caches key on it. */
  version = 0;

  protected changed(projection: string, id: string, document: object | null): void {
    switch (projection) {
      case peopleProjection.name: {
        this.version++;
        for (const companyId of Object.keys(this.people.get(id)?.companies ?? {})) this.members.get(companyId)?.delete(id);
        set(this.people, id, document as PersonDocument | null);
        const person = document as PersonDocument | null;
        const companies = person && !person.erased ? Object.keys(person.companies ?? {}) : [];
        for (const companyId of companies) this.members.set(companyId, (this.members.get(companyId) ?? new Set<string>()).add(id));
        if (companies.length) this.companiesOf.set(id, companies);
        else this.companiesOf.delete(id);
        return;
      }
      case firmsProjection.name: {
        this.version++;
        const before = this.firms.get(id);
        if (before) this.firmBySiren.delete(before.siren);
        set(this.firms, id, document as FirmDocument | null);
        if (document) this.firmBySiren.set((document as FirmDocument).siren, id);
        return this.index(id);
      }
      case companyRelationsProjection.name:
        this.version++;
        return set(this.relations, id, document as CompanyRelationDocument | null);
      case tiesProjection.name:
        this.version++;
        return set(this.ties, id, document as TieDocument | null);
      case alumniTiesProjection.name:
        this.version++;
        return set(this.alumni, id, document as AlumniTieDocument | null);
      case needsProjection.name: {
        const before = this.needs.get(id)?.partnerCompanyId;
        set(this.needs, id, document as NeedDocument | null);
        const need = document as NeedDocument | null;
        const partner = need?.outcome === 'agreement' ? need.partnerCompanyId : undefined;
        if (before && before !== partner) this.agreements.get(before)?.delete(id);
        if (partner) {
          const won = this.agreements.get(partner) ?? new Set<string>();
          if (!won.has(id)) {
            this.agreements.set(partner, won.add(id));
            this.index(partner);
          }
        }
        if (before && before !== partner) this.index(before);
        return;
      }
      case territoriesProjection.name:
        // Nesting decides which firms a territory's weaving queue holds.
        this.version++;
        return set(this.territories, id, document as TerritoryDocument | null);
      case territoryMembershipsProjection.name: {
        this.version++;
        const m = document as TerritoryMembershipDocument | null;
        const [territoryId, siren] = m ? [m.territoryId, m.siren] : [id.slice(0, id.lastIndexOf(':')), id.slice(id.lastIndexOf(':') + 1)];
        const of = this.territoriesOf.get(siren) ?? new Set<string>();
        if (m?.admitted) of.add(territoryId);
        else of.delete(territoryId);
        this.territoriesOf.set(siren, of);
        const companyId = this.firmBySiren.get(siren);
        if (companyId) this.index(companyId);
        return;
      }
    }
  }

  /** The territories a company is a member of (directly; nesting is resolved by the caller). */
  territoriesOfCompany(companyId: string): string[] {
    const firm = this.firms.get(companyId);
    return firm ? [...(this.territoriesOf.get(firm.siren) ?? [])].sort() : [];
  }

  /** The territory and every territory nested in it, at any depth. */
  territoryAndNested(territoryId: string): Set<string> {
    const out = new Set([territoryId]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const [id, t] of this.territories) {
        if (t.parentId && out.has(t.parentId) && !out.has(id)) {
          out.add(id);
          grew = true;
        }
      }
    }
    return out;
  }

  /** The territory and the territories it is nested in (a coordinator of any of them coordinates it). */
  territoryAndParents(territoryId: string): string[] {
    const out: string[] = [];
    for (let id: string | undefined = territoryId; id && !out.includes(id); id = this.territories.get(id)?.parentId) out.push(id);
    return out;
  }

  /** Current members of a company (people not erased), sorted. */
  membersOf(companyId: string): string[] {
    return [...(this.members.get(companyId) ?? [])].sort();
  }

  /** A person's current companies (none when unknown or erased). */
  companiesOfPerson(personId: string): readonly string[] {
    return this.companiesOf.get(personId) ?? NONE;
  }

  /** Companies with at least one current member. */
  companiesWithMembers(): string[] {
    return [...this.members.entries()].filter(([, m]) => m.size > 0).map(([companyId]) => companyId);
  }

  private index(companyId: string): void {
    const firm = this.firms.get(companyId);
    if (!firm) {
      this.partners.remove(companyId);
      return;
    }
    const doc: CompanyDocument = {
      id: companyId,
      name: firm.legalName,
      description: firm.description,
      capabilities: firm.capabilities,
      offers: firm.offers,
      naf: firm.nafCode,
      city: firm.city,
      ...(firm.coordinates ? { lat: firm.coordinates.lat, lon: firm.coordinates.lon } : {}),
      territoryIds: [...[...(this.territoriesOf.get(firm.siren) ?? [])].map(territoryTag), ...(firm.departement ? [departementTag(firm.departement)] : [])],
      sizeBand: firm.sizeBand,
      outcomes: this.agreements.get(companyId)?.size ?? 0,
    };
    this.partners.upsert(doc);
  }
}

const NONE: readonly string[] = [];

function set<T>(map: Map<string, T>, id: string, document: T | null): void {
  if (document) map.set(id, document);
  else map.delete(id);
}
