import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, Page, UuidParam } from '@opn/service-kit';
import { InvitationDocument } from '../../read-models/company-invitations/company-invitations.projection';
import { AcceptInvitationDto, InvitationCreatedView, InvitationsQueryDto, InviteDto } from './invitations.dto';
import { InvitationsHandler } from './invitations.handler';

@ApiTags('invitations')
@ApiBearerAuth()
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsHandler) {}

  @Post('companies/:companyId/invitations')
  @ApiOperation({ summary: 'Invite a person by email (company admins); the token is returned once' })
  @ApiCreatedResponse({ type: InvitationCreatedView })
  invite(@Param('companyId', UuidParam) companyId: string, @Body() dto: InviteDto, @Ctx() ctx: ActorContext): Promise<InvitationCreatedView> {
    return this.invitations.invite(companyId, dto, ctx);
  }

  @Get('companies/:companyId/invitations')
  @ApiOperation({ summary: "A company's invitations (company admins)" })
  list(@Param('companyId', UuidParam) companyId: string, @Query() query: InvitationsQueryDto, @Ctx() ctx: ActorContext): Promise<Page<InvitationDocument>> {
    const { status, ...page } = query;
    return this.invitations.list(companyId, page, status, ctx);
  }

  @Delete('companies/:companyId/invitations/:invitationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a pending invitation (company admins)' })
  revoke(@Param('companyId', UuidParam) companyId: string, @Param('invitationId', UuidParam) invitationId: string, @Ctx() ctx: ActorContext): Promise<void> {
    return this.invitations.revoke(companyId, invitationId, ctx);
  }

  @Post('invitations/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation sent to your email address' })
  accept(@Body() dto: AcceptInvitationDto, @Ctx() ctx: ActorContext) {
    return this.invitations.accept(dto, ctx);
  }
}
