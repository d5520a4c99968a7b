import { Injectable } from '@nestjs/common';
import { KafkaMirror } from '@opn/service-kit';
import { CompanyRelationDocument, companyRelationsProjection } from './company-relations.projection';
import { EmploymentDocument, employmentProjection } from './employment.projection';
import { FirmDocument, firmsProjection } from './firms.projection';
import { NeedDocument, needsProjection } from './needs.projection';
import { TieDocument, tiesProjection } from './ties.projection';

/** The network facts the dashboard reads, by id (a `NetworkIndex` or a plain fixture in tests). */
export interface NetworkSources {
  readonly firms: ReadonlyMap<string, FirmDocument>;
  /** SIREN -> company id (the roster knows firms by SIREN). */
  readonly firmBySiren: ReadonlyMap<string, string>;
  readonly relations: ReadonlyMap<string, CompanyRelationDocument>;
  readonly ties: ReadonlyMap<string, TieDocument>;
  readonly employment: ReadonlyMap<string, EmploymentDocument>;
  readonly needs: ReadonlyMap<string, NeedDocument>;
  /** Changes with every document change: caches of derived figures key on it. */
  readonly version: number;
}

/**
 * The other services' facts the coordinator's figures are built from (companies, memberships,
 * relations, ties, needs), in memory: a mirror of the Kafka-fed collections (ADR 0013), so that
 * a dashboard walks maps instead of querying FerretDB.
 */
@Injectable()
export class NetworkIndex extends KafkaMirror implements NetworkSources {
  readonly projections = [firmsProjection, companyRelationsProjection, tiesProjection, employmentProjection, needsProjection];
  readonly firms = new Map<string, FirmDocument>();
  readonly firmBySiren = new Map<string, string>();
  readonly relations = new Map<string, CompanyRelationDocument>();
  readonly ties = new Map<string, TieDocument>();
  readonly employment = new Map<string, EmploymentDocument>();
  readonly needs = new Map<string, NeedDocument>();
  version = 0;

  protected changed(projection: string, id: string, document: object | null): void {
    this.version++;
    switch (projection) {
      case firmsProjection.name: {
        const before = this.firms.get(id);
        if (before) this.firmBySiren.delete(before.siren);
        if (document) {
          this.firms.set(id, document as FirmDocument);
          this.firmBySiren.set((document as FirmDocument).siren, id);
        } else this.firms.delete(id);
        return;
      }
      case companyRelationsProjection.name:
        return set(this.relations, id, document as CompanyRelationDocument | null);
      case tiesProjection.name:
        return set(this.ties, id, document as TieDocument | null);
      case employmentProjection.name:
        return set(this.employment, id, document as EmploymentDocument | null);
      case needsProjection.name:
        return set(this.needs, id, document as NeedDocument | null);
    }
  }
}

function set<T>(map: Map<string, T>, id: string, document: T | null): void {
  if (document) map.set(id, document);
  else map.delete(id);
}
