import { Inject, Injectable } from '@nestjs/common';
import { EventStore, ForbiddenError, NotFoundError, deterministicId, newId } from '@opn/kernel';
import { ActorContext, Commands, EVENT_STORE, PageQuery, pageOf, readHistory } from '@opn/service-kit';
import { Access, Viewer, isPlatformAdmin } from '../../access/access';
import { TerritoryCommand, territories, territoryStreamId } from '../../domain';
import { foldCity } from '../../read-models/network/firms.projection';
import { ROSTER_EVENTS } from '../../read-models/roster/memberships.projection';
import { TerritoryIndex, TerritoryView } from '../../read-models/territories/territories.projection';
import { AlertSettingsDto, CreateTerritoryDto, TerritoryListQuery, UpdateTerritoryDto } from './territories.dto';

/** What a request creates gets an id derived from its Idempotency-Key when there is one (a retry lands on the same id). */
export const idFor = (kind: string, ctx: ActorContext): string => (ctx.idempotencyKey ? deterministicId(`opn.territories.${kind}`, ctx.actor.personId, ctx.idempotencyKey) : newId());

const ROSTER = new Set<string>(ROSTER_EVENTS);

/**
 * Territories themselves: the public catalogue firms apply from, and what only coordinators see
 * and change (coordinators, alert settings, definition history). Creating a territory and
 * appointing its coordinators is for a platform admin or a coordinator of the parent.
 */
@Injectable()
export class TerritoriesHandler {
  constructor(
    private readonly commands: Commands,
    private readonly access: Access,
    private readonly index: TerritoryIndex,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The public part for everyone; coordinators, alerts and nested territories for those who coordinate it. */
  view(t: TerritoryView, viewer: Viewer) {
    const base = {
      territoryId: t.territoryId,
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      kind: t.kind,
      level: t.level,
      ...(t.parentId ? { parentId: t.parentId } : {}),
      perimeter: t.perimeter,
      createdAt: t.createdAt,
    };
    if (!this.access.canCoordinate(viewer, t.territoryId)) return base;
    return { ...base, coordinators: t.coordinators, alerts: t.alerts, children: this.index.childrenOf(t.territoryId), updatedAt: t.updatedAt, youCoordinate: true };
  }

  async create(dto: CreateTerritoryDto, ctx: ActorContext) {
    await this.access.parentAuthority(ctx.actor, dto.parentId);
    const territoryId = idFor('territory', ctx);
    await this.run(territoryId, { type: 'CreateTerritory', data: { territoryId, ...dto, perimeter: { ...dto.perimeter }, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return { territoryId };
  }

  async list(query: TerritoryListQuery, ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    const words = query.q ? foldCity(query.q).split(' ').filter(Boolean) : [];
    const covers = query.covers?.trim();
    const matches = [...this.index.values()]
      .filter((t) => (query.kind ? t.kind === query.kind : true))
      .filter((t) => (query.level ? t.level === query.level : true))
      .filter((t) => (query.parentId ? t.parentId === query.parentId : true))
      .filter((t) => words.every((w) => foldCity(t.name).split(' ').some((n) => n.startsWith(w))))
      .filter((t) => !covers || t.perimeter.departements.includes(covers) || t.perimeter.postcodes.includes(covers) || t.perimeter.postcodes.some((p) => p.startsWith(covers)))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr') || (a.territoryId < b.territoryId ? -1 : 1));
    const from = (query.page - 1) * query.limit;
    return pageOf(matches.slice(from, from + query.limit).map((t) => this.view(t, viewer)), matches.length, query);
  }

  async get(territoryId: string, ctx: ActorContext) {
    return this.view(this.access.territory(territoryId), await this.access.viewer(ctx.actor));
  }

  async update(territoryId: string, dto: UpdateTerritoryDto, ctx: ActorContext) {
    await this.access.coordinator(ctx.actor, territoryId);
    await this.run(territoryId, { type: 'UpdateTerritory', data: { ...dto, ...(dto.perimeter ? { perimeter: { ...dto.perimeter } } : {}), by: ctx.actor.personId, now: ctx.now } }, ctx);
    return this.get(territoryId, ctx);
  }

  /** A platform admin, or a coordinator of the parent territory (not of the territory itself). */
  private async appointer(territoryId: string, ctx: ActorContext) {
    const t = this.access.territory(territoryId);
    const viewer = await this.access.viewer(ctx.actor);
    if (!this.access.canCoordinate(viewer, territoryId)) {
      // Someone who does not coordinate it must not learn it has coordinators to appoint.
      throw new NotFoundError('territory not found');
    }
    const overParent = isPlatformAdmin(viewer) || (t.parentId !== undefined && this.access.canCoordinate(viewer, t.parentId));
    if (!overParent) throw new ForbiddenError('only a platform admin or a coordinator of the parent territory appoints or removes coordinators');
  }

  async appoint(territoryId: string, personId: string, ctx: ActorContext) {
    await this.appointer(territoryId, ctx);
    await this.access.knownPerson(personId);
    await this.run(territoryId, { type: 'AppointCoordinator', data: { personId, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return { territoryId, personId, coordinator: true };
  }

  async remove(territoryId: string, personId: string, ctx: ActorContext) {
    await this.appointer(territoryId, ctx);
    await this.run(territoryId, { type: 'RemoveCoordinator', data: { personId, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return { territoryId, personId, coordinator: false };
  }

  async configureAlerts(territoryId: string, dto: AlertSettingsDto, ctx: ActorContext) {
    await this.access.coordinator(ctx.actor, territoryId);
    await this.run(territoryId, { type: 'ConfigureAlerts', data: { ...dto, by: ctx.actor.personId, now: ctx.now } }, ctx);
    return { territoryId, alerts: { eiThreshold: dto.eiThreshold, periodMonths: dto.periodMonths } };
  }

  /** The definition's history (creation, changes, coordinators, alert settings); the roster's is per member. */
  async history(territoryId: string, page: PageQuery, ctx: ActorContext) {
    await this.access.coordinator(ctx.actor, territoryId);
    return readHistory(this.store, territoryStreamId(territoryId), page, (event) => {
      if (ROSTER.has(event.type)) return null;
      const { by, at, territoryId: _t, ...details } = event.data as Record<string, unknown> & { by: string; at: string };
      return { type: event.type, by, at, details };
    });
  }

  /** What territories knows of the caller from identity's events: companies with roles, platform roles, territories coordinated. */
  async me(ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    return {
      personId: viewer.personId,
      companies: viewer.companyIds.map((companyId) => ({ companyId, role: viewer.adminOf.includes(companyId) ? 'company_admin' : 'member' })),
      platformRoles: viewer.platformRoles,
      coordinates: this.index.coordinatedBy(viewer.personId).map((t) => t.territoryId).sort(),
    };
  }

  /** Territories the caller coordinates (directly or through a parent). */
  async mine(page: PageQuery, ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    const all = this.index.coordinatedBy(viewer.personId).sort((a, b) => a.name.localeCompare(b.name, 'fr') || (a.territoryId < b.territoryId ? -1 : 1));
    const from = (page.page - 1) * page.limit;
    return pageOf(all.slice(from, from + page.limit).map((t) => this.view(t, viewer)), all.length, page);
  }

  run(territoryId: string, command: TerritoryCommand, ctx: ActorContext) {
    return this.commands.handle(territories, territoryId, command, ctx);
  }
}
