import { Injectable } from '@nestjs/common';
import { invalid, NotFoundError } from '@opn/kernel';
import { explainLink, NeedText, SearchFilters, SearchHit } from '@opn/recommender';
import { ActorContext, pageOf } from '@opn/service-kit';
import { Access } from '../../access/access';
import { NetworkIndex, departementTag, territoryTag } from '../../read-models/network/network.index';
import { NetworkSnapshots } from '../../read-models/network/network.snapshots';
import { PartnerFilterQuery, PartnerSearchQuery } from './partners.dto';
import { Why, explained, matchWhy } from '../why';

/** Most results a recommendation list pages through. */
export const MAX_RESULTS = 100;

/**
 * Partners for a need, and partner search: companies ranked by the recommender's PartnerIndex
 * (BM25F over name, description, capabilities and offers, trade concepts in French and English,
 * a prior for past agreements), filtered, with the reasons of each: what matched, partners in
 * common with the asking company, whether it is in the same territory.
 */
@Injectable()
export class PartnersHandler {
  constructor(
    private readonly access: Access,
    private readonly network: NetworkIndex,
    private readonly snapshots: NetworkSnapshots,
  ) {}

  forNeed(needId: string, query: PartnerFilterQuery, ctx: ActorContext) {
    const { need } = this.access.need(ctx.actor, needId);
    if (need.hidden) throw new NotFoundError('need not found');
    const filters = this.filters(query);
    // A `territory` need is shown only to companies of its départements: only they are recommended.
    const reach = need.visibility === 'territory' ? need.territory.map(departementTag) : undefined;
    const hits = this.hits({ title: need.title, description: need.description, capabilities: need.capabilities }, { ...filters, exclude: [need.companyId] }, reach);
    return this.page(hits, query, need.companyId, 'need', new Set(need.engaged));
  }

  /** Free-text search over every company's profile, for any signed-in person (their own companies left out). */
  search(query: PartnerSearchQuery, ctx: ActorContext) {
    const viewer = this.access.viewer(ctx.actor);
    const hits = this.hits({ title: query.q }, { ...this.filters(query), exclude: viewer.companyIds });
    return this.page(hits, query, viewer.companyIds[0], 'search', new Set());
  }

  /** The best MAX_RESULTS hits that match something (pages are cut from them, so totals are exact). */
  private hits(need: NeedText, filters: SearchFilters, reach?: string[]): SearchHit[] {
    // The reach is the index's territory filter when no territory was asked for (exact); with both,
    // the territory filters the index and the reach the best hits.
    if (reach && !filters.territoryIds) return this.network.partners.search(need, MAX_RESULTS, { ...filters, territoryIds: reach }).filter((h) => h.score > 0);
    const found = this.network.partners.search(need, reach ? MAX_RESULTS * 5 : MAX_RESULTS, filters);
    return (reach ? found.filter((h) => this.inReach(h.id, reach)) : found).filter((h) => h.score > 0).slice(0, MAX_RESULTS);
  }

  private inReach(companyId: string, reach: string[]): boolean {
    const d = this.network.firms.get(companyId)?.departement;
    return !!d && reach.includes(departementTag(d));
  }

  private filters(q: PartnerFilterQuery): SearchFilters {
    const near = [q.lat, q.lon, q.radiusKm].filter((x) => x !== undefined).length;
    if (near !== 0 && near !== 3) throw invalid('radiusKm', 'lat, lon and radiusKm go together');
    return {
      ...(q.territoryId ? { territoryIds: [...this.network.territoryAndNested(q.territoryId)].map(territoryTag) } : {}),
      ...(q.sizeBand ? { sizeBands: [q.sizeBand] } : {}),
      ...(near === 3 ? { near: { lat: q.lat!, lon: q.lon!, km: q.radiusKm! } } : {}),
    };
  }

  private page(hits: SearchHit[], query: PartnerFilterQuery, asking: string | undefined, asker: 'need' | 'search', engaged: Set<string>) {
    const from = (query.page - 1) * query.limit;
    // The company graph only when someone's company asks (partners in common).
    const companies = asking === undefined ? undefined : this.snapshots.companyNetwork();
    const u = asking === undefined ? undefined : companies!.graph.index.get(asking);
    const askingTerritories = new Set(asking ? this.network.territoriesOfCompany(asking).flatMap((t) => this.network.territoryAndParents(t)) : []);
    const askingDepartement = asking ? this.network.firms.get(asking)?.departement : undefined;
    const items = hits.slice(from, from + query.limit).map((hit, i) => {
      const firm = this.network.firms.get(hit.id)!;
      const v = companies?.graph.index.get(hit.id);
      const common = companies && u !== undefined && v !== undefined ? explainLink(companies.graph, u, v, companies.model.community).commonCount : 0;
      const sharedTerritory = this.network.territoriesOfCompany(hit.id).some((t) => this.network.territoryAndParents(t).some((x) => askingTerritories.has(x)));
      const why: Why[] = [
        ...hit.reasons.map((r) => matchWhy(r, asker)),
        ...(common ? [{ code: 'common_partners' as const, count: common, names: [] }] : []),
        ...(sharedTerritory ? [{ code: 'in_territory' as const }] : askingDepartement && firm.departement === askingDepartement ? [{ code: 'in_departement' as const }] : []),
      ];
      return {
        rank: from + i + 1,
        companyId: hit.id,
        legalName: firm.legalName,
        city: firm.city,
        nafCode: firm.nafCode,
        sizeBand: firm.sizeBand,
        score: Number(hit.score.toFixed(4)),
        matches: hit.reasons,
        commonPartners: common,
        ...(asker === 'need' ? { engaged: engaged.has(hit.id) } : {}),
        ...explained(why),
      };
    });
    return pageOf(items, hits.length, query);
  }
}
