import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedActor as Actor, CurrentActor } from '@opn/auth';
import { deterministicId, newId, normaliseEmail } from '@opn/kernel';
import { Meta, Page, RequestMeta, UuidParam } from '@opn/service-kit';
import { randomBytes } from 'node:crypto';
import type { IdentityConfig } from '../../config';
import { companyDecider, companyStreamId } from '../../domain';
import { CommandRunner } from '../../infrastructure/command-runner';
import { CLOCK, CONFIG, Clock } from '../../infrastructure/tokens';
import { InvitationDocument } from '../../read-models/company-invitations/company-invitations.projection';
import { CompanyInvitationsQuery } from '../../read-models/company-invitations/company-invitations.query';
import { CompanyMembersQuery } from '../../read-models/company-members/company-members.query';
import { hashSecret } from '../auth/session-tokens';
import { AcceptInvitationDto, InvitationCreatedView, InvitationsQueryDto, InviteDto } from './invitations.dto';

@ApiTags('invitations')
@ApiBearerAuth()
@Controller()
export class InvitationsController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly invitations: CompanyInvitationsQuery,
    private readonly members: CompanyMembersQuery,
    @Inject(CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('companies/:companyId/invitations')
  @ApiOperation({ summary: 'Invite a person by email (company admins); the token is returned once' })
  @ApiCreatedResponse({ type: InvitationCreatedView })
  async invite(@Param('companyId', UuidParam) companyId: string, @Body() dto: InviteDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta): Promise<InvitationCreatedView> {
    const now = this.clock();
    const invitationId = meta.idempotencyKey ? deterministicId('opn.invitation', actor.personId, meta.idempotencyKey) : newId();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.invitationTtlDays * 86_400_000).toISOString();
    const role = dto.role ?? 'member';
    const result = await this.commands.run(
      companyStreamId(companyId),
      companyDecider,
      { type: 'InvitePerson', data: { actor, invitationId, email: dto.email, role, tokenHash: hashSecret(token), expiresAt, now: now.toISOString() } },
      { meta, actor: actor.personId },
    );
    // A retried request (same Idempotency-Key) cannot show the first token again: only its hash exists.
    if (result.replayed) return { invitationId, companyId, email: normaliseEmail(dto.email), role, expiresAt, token: '' };
    return { invitationId, companyId, email: normaliseEmail(dto.email), role, expiresAt, token };
  }

  @Get('companies/:companyId/invitations')
  @ApiOperation({ summary: "A company's invitations (company admins)" })
  async list(@Param('companyId', UuidParam) companyId: string, @Query() query: InvitationsQueryDto, @CurrentActor() actor: Actor): Promise<Page<InvitationDocument>> {
    await this.members.assertCanSee(companyId, actor, 'company_admin');
    const { status, ...page } = query;
    return this.invitations.list(companyId, page, status);
  }

  @Delete('companies/:companyId/invitations/:invitationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a pending invitation (company admins)' })
  async revoke(
    @Param('companyId', UuidParam) companyId: string,
    @Param('invitationId', UuidParam) invitationId: string,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
  ): Promise<void> {
    await this.commands.run(
      companyStreamId(companyId),
      companyDecider,
      { type: 'RevokeInvitation', data: { actor, invitationId, now: this.clock().toISOString() } },
      { meta, actor: actor.personId },
    );
  }

  @Post('invitations/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation sent to your email address' })
  async accept(@Body() dto: AcceptInvitationDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta) {
    const result = await this.commands.run(
      companyStreamId(dto.companyId),
      companyDecider,
      {
        type: 'AcceptInvitation',
        data: { invitationId: dto.invitationId, tokenHash: hashSecret(dto.token), personId: actor.personId, email: actor.email, now: this.clock().toISOString() },
      },
      { meta, actor: actor.personId },
    );
    const role = result.state.status === 'registered' ? result.state.members[actor.personId] : undefined;
    return { companyId: dto.companyId, personId: actor.personId, role };
  }
}
