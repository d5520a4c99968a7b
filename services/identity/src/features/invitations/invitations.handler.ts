import { Inject, Injectable } from '@nestjs/common';
import { deterministicId, newId, normaliseEmail } from '@opn/kernel';
import { ActorContext, Commands, PageQuery, SERVICE_CONFIG } from '@opn/service-kit';
import { randomBytes } from 'node:crypto';
import { companies } from '../../domain';
import type { IdentityConfig } from '../../identity.service';
import { CompanyInvitationsQuery } from '../../read-models/company-invitations/company-invitations.query';
import { CompanyMembersQuery } from '../../read-models/company-members/company-members.query';
import { hashSecret } from '../auth/session-tokens';
import { AcceptInvitationDto, InvitationCreatedView, InviteDto } from './invitations.dto';

@Injectable()
export class InvitationsHandler {
  constructor(
    private readonly commands: Commands,
    private readonly invitations: CompanyInvitationsQuery,
    private readonly members: CompanyMembersQuery,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  /** The token is shown once: only its hash is stored. */
  async invite(companyId: string, dto: InviteDto, ctx: ActorContext): Promise<InvitationCreatedView> {
    const invitationId = ctx.idempotencyKey ? deterministicId('opn.invitation', ctx.actor.personId, ctx.idempotencyKey) : newId();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.parse(ctx.now) + this.config.invitationTtlDays * 86_400_000).toISOString();
    const role = dto.role ?? 'member';
    const data = { actor: ctx.actor, invitationId, email: dto.email, role, tokenHash: hashSecret(token), expiresAt, now: ctx.now };
    const result = await this.commands.handle(companies, companyId, { type: 'InvitePerson', data }, ctx);
    // A retried request (same Idempotency-Key) cannot show the first token again: only its hash exists.
    return { invitationId, companyId, email: normaliseEmail(dto.email), role, expiresAt, token: result.replayed ? '' : token };
  }

  async list(companyId: string, page: PageQuery, status: 'pending' | 'accepted' | 'revoked' | undefined, ctx: ActorContext) {
    await this.members.assertCanSee(companyId, ctx.actor, 'company_admin');
    return this.invitations.list(companyId, page, status);
  }

  async revoke(companyId: string, invitationId: string, ctx: ActorContext): Promise<void> {
    await this.commands.handle(companies, companyId, { type: 'RevokeInvitation', data: { actor: ctx.actor, invitationId, now: ctx.now } }, ctx);
  }

  async accept(dto: AcceptInvitationDto, ctx: ActorContext) {
    const { personId, email } = ctx.actor;
    const data = { invitationId: dto.invitationId, tokenHash: hashSecret(dto.token), personId, email, now: ctx.now };
    const result = await this.commands.handle(companies, dto.companyId, { type: 'AcceptInvitation', data }, ctx);
    const role = result.state.status === 'registered' ? result.state.members[personId] : undefined;
    return { companyId: dto.companyId, personId, role };
  }
}
