import { Inject, Injectable } from '@nestjs/common';
import { UnavailableError } from '@opn/kernel';
import { SERVICE_CONFIG } from '@opn/service-kit';
import type { RecommendationsConfig } from '../../recommendations.service';
import { NetworkIndex } from './network.index';
import { CompanyNetwork, LearnedModels, PeopleNetwork, ScoredNetwork, buildCompanyNetwork, buildPeopleNetwork, scoredNetwork } from './network.snapshot';

/** Results kept per network version (an LRU of this many entries). */
const CACHE_ENTRIES = 2000;

/**
 * The graphs and link models derived from the NetworkIndex, built when a query first needs them
 * after the network changed (its `version`), and the results of queries cached until the next
 * change: every event that changes the network invalidates them at once, and nothing is computed
 * for events nobody asks about.
 */
@Injectable()
export class NetworkSnapshots {
  private readonly models: LearnedModels;
  private built = -1;
  private people?: PeopleNetwork & ScoredNetwork;
  private companies?: CompanyNetwork & ScoredNetwork;
  private readonly territories = new Map<string, CompanyNetwork & ScoredNetwork>();
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly index: NetworkIndex,
    @Inject(SERVICE_CONFIG) config: RecommendationsConfig,
  ) {
    this.models = new LearnedModels(config.relearnSeconds * 1000);
  }

  /** 503 until the mirrored collections are read (answering from half-loaded maps would be wrong). */
  ensureLoaded(): void {
    if (!this.index.loaded) throw new UnavailableError('the network is still loading; retry in a few seconds');
  }

  private fresh(): void {
    this.ensureLoaded();
    if (this.built === this.index.version) return;
    this.built = this.index.version;
    this.people = undefined;
    this.companies = undefined;
    this.territories.clear();
    this.cache.clear();
  }

  peopleNetwork(): PeopleNetwork & ScoredNetwork {
    this.fresh();
    if (!this.people) {
      const built = buildPeopleNetwork(this.index);
      this.people = { ...built, ...scoredNetwork(built.graph, this.models.modelFor('people', built.graph)) };
    }
    return this.people;
  }

  companyNetwork(): CompanyNetwork & ScoredNetwork {
    this.fresh();
    if (!this.companies) {
      const built = buildCompanyNetwork(this.index);
      this.companies = { ...built, ...scoredNetwork(built.graph, this.models.modelFor('companies', built.graph)) };
    }
    return this.companies;
  }

  /** The company graph of a territory's member firms (nested territories included). */
  territoryNetwork(territoryId: string): CompanyNetwork & ScoredNetwork {
    this.fresh();
    let built = this.territories.get(territoryId);
    if (!built) {
      const inside = this.index.territoryAndNested(territoryId);
      const firms = new Set<string>();
      for (const [companyId] of this.index.firms) if (this.index.territoriesOfCompany(companyId).some((t) => inside.has(t))) firms.add(companyId);
      const network = buildCompanyNetwork(this.index, firms);
      built = { ...network, ...scoredNetwork(network.graph, this.models.modelFor(`territory ${territoryId}`, network.graph)) };
      this.territories.set(territoryId, built);
    }
    return built;
  }

  /** A result computed once per network version and key. */
  cached<T>(key: string, compute: () => T): T {
    this.fresh();
    if (this.cache.has(key)) {
      const hit = this.cache.get(key) as T;
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const value = compute();
    this.cache.set(key, value);
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    return value;
  }
}
