import { Inject, Injectable } from '@nestjs/common';
import { ValidationError } from '@opn/kernel';
import { ActorContext, PageQuery, SERVICE_CONFIG, pageOf } from '@opn/service-kit';
import { toGexf, toGraphml } from '@opn/network-metrics';
import { Access } from '../../access/access';
import { Dashboard, DashboardMemo, addMonths, dashboard, firmMetrics, monthOf, newDashboardMemo } from '../../read-models/network/dashboard';
import { NetworkIndex } from '../../read-models/network/network.index';
import { RosterMember } from '../../read-models/network/network-snapshot';
import { MembershipIndex } from '../../read-models/roster/memberships.projection';
import type { TerritoriesConfig } from '../../territories.service';
import { AsOfQuery, DashboardQuery, FirmMetricsQuery } from './dashboard.dto';

/**
 * The instant figures are asked for: a date means the end of that day (UTC), an instant itself;
 * nothing means now. The future is refused (400): there is no network there yet.
 */
export function asOfInstant(asOf: string | undefined, now: string): string {
  if (asOf === undefined) return now;
  const instant = asOf.length === 10 ? `${asOf}T23:59:59.999Z` : new Date(asOf).toISOString();
  if (Number.isNaN(Date.parse(instant)) || new Date(instant).toISOString().slice(0, 10) !== instant.slice(0, 10)) {
    throw new ValidationError('invalid asOf', [{ field: 'asOf', message: 'must be a real date' }]);
  }
  if (instant.slice(0, 10) > now.slice(0, 10)) throw new ValidationError('asOf is in the future', [{ field: 'asOf', message: 'must not be after today' }]);
  return instant > now ? now : instant;
}

/** CSV field: quoted when it holds a separator, a quote or a line break (RFC 4180). */
const csvField = (value: unknown): string => {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The coordinator's figures and exports, computed on each request from the read models in memory
 * (the roster from the territory's log, the network from the Kafka-fed mirror), for today or any
 * past date (ADR 0013). Coordinators of the territory (or of a parent) and platform admins only.
 */
@Injectable()
export class DashboardHandler {
  constructor(
    private readonly access: Access,
    private readonly network: NetworkIndex,
    private readonly memberships: MembershipIndex,
    @Inject(SERVICE_CONFIG) private readonly config: TerritoriesConfig,
  ) {}

  /** Per territory, what the figures may reuse while neither the network nor the roster changes (a few territories). */
  private readonly memos = new Map<string, { key: string; memo: DashboardMemo }>();

  private memo(territoryId: string): DashboardMemo {
    const key = `${this.network.version}:${this.memberships.version}`;
    const found = this.memos.get(territoryId);
    if (found && found.key === key) {
      // Most recently used last, so the oldest goes first.
      this.memos.delete(territoryId);
      this.memos.set(territoryId, found);
      return found.memo;
    }
    const memo = newDashboardMemo();
    this.memos.delete(territoryId);
    this.memos.set(territoryId, { key, memo });
    while (this.memos.size > 8) this.memos.delete(this.memos.keys().next().value!);
    return memo;
  }

  private roster(territoryId: string): RosterMember[] {
    return this.memberships
      .roster(territoryId)
      .filter((m) => m.periods.length > 0)
      .map((m) => ({ siren: m.siren, ...(m.name ? { name: m.name } : {}), groups: m.groups, periods: m.periods }));
  }

  async dashboard(territoryId: string, query: DashboardQuery, ctx: ActorContext): Promise<Dashboard & { territoryId: string; k: number }> {
    const { territory } = await this.access.coordinator(ctx.actor, territoryId);
    const asOf = asOfInstant(query.asOf, ctx.now);
    const toMonth = query.to && query.to < monthOf(asOf) ? query.to : monthOf(asOf);
    const fromMonth = query.from ?? addMonths(toMonth, -11);
    if (fromMonth > toMonth) throw new ValidationError('empty period', [{ field: 'from', message: 'must not be after to (or after the month of asOf)' }]);
    if (addMonths(fromMonth, 120) <= toMonth) throw new ValidationError('period too long', [{ field: 'from', message: 'the series spans at most 120 months' }]);
    const figures = dashboard(this.network, this.roster(territoryId), {
      asOf,
      fromMonth,
      toMonth,
      k: this.config.minPeople,
      brokersBy: query.brokersBy ?? 'sector',
      alerts: territory.alerts,
    }, this.memo(territoryId));
    return { territoryId, k: this.config.minPeople, ...figures };
  }

  async alerts(territoryId: string, query: AsOfQuery, ctx: ActorContext) {
    const d = await this.dashboard(territoryId, { asOf: query.asOf }, ctx);
    return { territoryId, asOf: d.asOf, alerts: d.alerts };
  }

  async firms(territoryId: string, query: FirmMetricsQuery, ctx: ActorContext) {
    await this.access.coordinator(ctx.actor, territoryId);
    const asOf = asOfInstant(query.asOf, ctx.now);
    const { firms } = firmMetrics(this.network, this.roster(territoryId), asOf, this.memo(territoryId));
    const sort = query.sort ?? 'constraint';
    const desc = (x: number | null) => (x === null ? -Infinity : x);
    firms.sort((a, b) =>
      sort === 'name'
        ? a.name.localeCompare(b.name, 'fr')
        : sort === 'constraint'
          ? desc(b.constraint) - desc(a.constraint) || a.companyId.localeCompare(b.companyId)
          : sort === 'degree'
            ? b.degree - a.degree || a.companyId.localeCompare(b.companyId)
            : desc(b.effectiveSize) - desc(a.effectiveSize) || a.companyId.localeCompare(b.companyId),
    );
    const page = Object.assign(new PageQuery(), { page: query.page, limit: query.limit });
    const from = (page.page - 1) * page.limit;
    return { asOf, ...pageOf(firms.slice(from, from + page.limit), firms.length, page) };
  }

  /** The monthly series as CSV, one row per month (the stock figures at the month's end). */
  async seriesCsv(territoryId: string, query: DashboardQuery, ctx: ActorContext): Promise<string> {
    const d = await this.dashboard(territoryId, query, ctx);
    const header = ['month', 'at', 'members', 'active_firms', 'needs_published', 'needs_met', 'introductions', 'agreements', 'new_relations', 'cross_sector', 'cross_town', 'cross_size', 'relations', 'ei_sector', 'ei_town', 'ei_size'];
    const rows = d.months.map((m) =>
      [m.month, m.at, m.members, m.activeFirms, m.needsPublished, m.needsMet, m.introductions, m.agreements, m.newRelations, m.crossSector, m.crossTown, m.crossSize, m.relations, m.ei.sector, m.ei.town, m.ei.size]
        .map(csvField)
        .join(','),
    );
    return [header.join(','), ...rows].join('\r\n') + '\r\n';
  }

  /** The firms' network at asOf for Gephi: firms with their attributes and metrics, relations with their kinds and weights. */
  async networkFile(territoryId: string, format: 'gexf' | 'graphml', query: AsOfQuery, ctx: ActorContext): Promise<string> {
    const { territory } = await this.access.coordinator(ctx.actor, territoryId);
    const asOf = asOfInstant(query.asOf, ctx.now);
    const { snapshot, firms } = firmMetrics(this.network, this.roster(territoryId), asOf, this.memo(territoryId));
    const nodeAttributes = Object.fromEntries(
      firms.map((f) => [
        f.companyId,
        { siren: f.siren, sector: f.sector, town: f.town, sizeBand: f.sizeBand, groups: f.groups.join(';'), degree: f.degree, constraint: f.constraint, effectiveSize: f.effectiveSize, community: f.community },
      ]),
    );
    const options = { nodeAttributes, nodeLabels: Object.fromEntries(firms.map((f) => [f.companyId, f.name])), edgeAttributes: (e: number) => ({ kinds: snapshot.edgeKinds![e].join(';') }), title: `${territory.name} as of ${asOf}` };
    return format === 'gexf' ? toGexf(snapshot.graph, options) : toGraphml(snapshot.graph, options);
  }
}
