import { Inject, Injectable } from '@nestjs/common';
import { EventStore, NotFoundError } from '@opn/kernel';
import { ActorContext, Commands, EVENT_STORE, PageQuery, readHistory } from '@opn/service-kit';
import { Access, isModerator } from '../../access/access';
import { RelationCommand, RelationKind, inverseKind, relationIdOf, relationStreamId, relations } from '../../domain';
import { RelationFilters, RelationsQuery, asSeenBy } from '../../read-models/relations/relations.query';
import { ConfirmRelationDto, EndRelationDto, ProposeRelationDto } from './relations.dto';

type CompanyAct = Exclude<RelationCommand['type'], 'ProposeRelation' | 'RecordAgreement' | 'ConfirmRelation' | 'EndRelation'>;

/**
 * Company relations: a company admin acts for their company (checked against relations' own
 * read model of memberships), the decider checks what only the relation's history knows.
 */
@Injectable()
export class RelationsHandler {
  constructor(
    private readonly commands: Commands,
    private readonly access: Access,
    private readonly query: RelationsQuery,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async propose(companyId: string, dto: ProposeRelationDto, ctx: ActorContext) {
    await this.access.admin(ctx.actor, companyId);
    if (dto.partnerCompanyId !== companyId) await this.access.existingCompany(dto.partnerCompanyId, 'partner company');
    const relationId = relationIdOf(companyId, dto.partnerCompanyId, dto.kind);
    const { revision } = await this.commands.handle(
      relations,
      relationId,
      { type: 'ProposeRelation', data: { relationId, actingCompanyId: companyId, ...dto, by: ctx.actor.personId, now: ctx.now } },
      ctx,
    );
    return { relationId, status: 'proposed' as const, revision };
  }

  confirm(companyId: string, relationId: string, dto: ConfirmRelationDto, ctx: ActorContext) {
    return this.act(companyId, relationId, ctx, (by) => ({ type: 'ConfirmRelation', data: { actingCompanyId: companyId, ...dto, by, now: ctx.now } }));
  }

  end(companyId: string, relationId: string, dto: EndRelationDto, ctx: ActorContext) {
    return this.act(companyId, relationId, ctx, (by) => ({ type: 'EndRelation', data: { actingCompanyId: companyId, ...dto, by, now: ctx.now } }));
  }

  /** Decline, withdraw, suspend, resume: the same shape, with an optional reason where it has one. */
  simple(type: CompanyAct, companyId: string, relationId: string, reason: string | undefined, ctx: ActorContext) {
    return this.act(companyId, relationId, ctx, (by) => ({ type, data: { actingCompanyId: companyId, ...(reason !== undefined && type !== 'WithdrawRelationProposal' && type !== 'ResumeRelation' ? { reason } : {}), by, now: ctx.now } }) as RelationCommand);
  }

  private async act(companyId: string, relationId: string, ctx: ActorContext, command: (by: string) => RelationCommand) {
    await this.access.admin(ctx.actor, companyId);
    const { state, revision } = await this.commands.handle(relations, relationId, command(ctx.actor.personId), ctx, { ifMatch: true });
    return { relationId, status: state.status, revision };
  }

  async list(companyId: string, filters: RelationFilters, page: PageQuery, ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    if (!viewer.companyIds.includes(companyId) && !isModerator(viewer)) throw new NotFoundError('company not found');
    return this.query.forCompany(companyId, filters, page);
  }

  async get(relationId: string, ctx: ActorContext) {
    const viewer = await this.access.viewer(ctx.actor);
    const view = await this.query.visible(relationId, viewer);
    const { revision } = await this.commands.load(relations, relationId);
    return { view: { ...view, sides: view.companies.map((c) => asSeenBy(view, c)) }, revision };
  }

  /** Who did what and when, for those who may see the relation (its two companies, coordinators, platform admins). */
  async history(relationId: string, page: PageQuery, ctx: ActorContext) {
    await this.query.visible(relationId, await this.access.viewer(ctx.actor));
    return readHistory(this.store, relationStreamId(relationId), page, (event) => {
      const { relationId: _id, by, at, ...details } = event.data as { relationId: string; by: string; at: string; companies?: [string, string]; kind?: RelationKind };
      // The stored kind is canonical (what companies[1] is to companies[0]): say it from each side.
      if (details.companies && details.kind) {
        const { kind, ...rest } = details;
        return { type: event.type, by, at, details: { ...rest, kinds: { [details.companies[0]]: kind, [details.companies[1]]: inverseKind(kind) } } };
      }
      return { type: event.type, by, at, details };
    });
  }
}
