import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, PageQuery, UuidParam } from '@opn/service-kit';
import type { Response } from 'express';
import { Access } from '../../access/access';
import { idFor } from '../territories/territories.handler';
import { MemberImports } from './member-imports';
import { AdmitDto, AnswerDto, ApplyDto, GroupsDto, ImportDto, InviteDto, OptionalReasonDto, QuestionDto, ReasonDto, RenewDto, RosterQuery } from './roster.dto';
import { RosterHandler } from './roster.handler';

@ApiTags('onboarding: firms')
@ApiBearerAuth()
@Controller('companies/:companyId/memberships')
export class FirmMembershipsController {
  constructor(private readonly roster: RosterHandler) {}

  @Post()
  @ApiOperation({ summary: 'Apply to a territory for your company (company admins)' })
  apply(@Param('companyId', UuidParam) companyId: string, @Body() dto: ApplyDto, @Ctx() ctx: ActorContext) {
    return this.roster.apply(companyId, dto, ctx);
  }

  @Get()
  @ApiOperation({ summary: "Your company's applications, invitations and memberships, latest first (its members)" })
  list(@Param('companyId', UuidParam) companyId: string, @Query() query: PageQuery, @Ctx() ctx: ActorContext) {
    return this.roster.firmMemberships(companyId, query, ctx);
  }

  @Get(':territoryId')
  @ApiOperation({ summary: "Your company's application or membership in one territory, with the coordinators' open question" })
  get(@Param('companyId', UuidParam) companyId: string, @Param('territoryId', UuidParam) territoryId: string, @Ctx() ctx: ActorContext) {
    return this.roster.firmMembership(companyId, territoryId, ctx);
  }

  @Post(':territoryId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw your application' })
  withdraw(@Param('companyId', UuidParam) companyId: string, @Param('territoryId', UuidParam) territoryId: string, @Ctx() ctx: ActorContext) {
    return this.roster.firmStep(companyId, territoryId, 'withdraw', {}, ctx);
  }

  @Post(':territoryId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: "Accept the coordinators' invitation: your company becomes a member" })
  accept(@Param('companyId', UuidParam) companyId: string, @Param('territoryId', UuidParam) territoryId: string, @Ctx() ctx: ActorContext) {
    return this.roster.firmStep(companyId, territoryId, 'accept', {}, ctx);
  }

  @Post(':territoryId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline an invitation, with an optional reason' })
  decline(@Param('companyId', UuidParam) companyId: string, @Param('territoryId', UuidParam) territoryId: string, @Body() dto: OptionalReasonDto, @Ctx() ctx: ActorContext) {
    return this.roster.firmStep(companyId, territoryId, 'decline', dto, ctx);
  }

  @Post(':territoryId/information')
  @HttpCode(200)
  @ApiOperation({ summary: "Answer the coordinators' request for information: the application goes back to review" })
  answer(@Param('companyId', UuidParam) companyId: string, @Param('territoryId', UuidParam) territoryId: string, @Body() dto: AnswerDto, @Ctx() ctx: ActorContext) {
    return this.roster.firmStep(companyId, territoryId, 'answer', dto, ctx);
  }

  @Post(':territoryId/exit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Leave the territory, with a reason' })
  exit(@Param('companyId', UuidParam) companyId: string, @Param('territoryId', UuidParam) territoryId: string, @Body() dto: ReasonDto, @Ctx() ctx: ActorContext) {
    return this.roster.firmStep(companyId, territoryId, 'exit', dto, ctx);
  }
}

@ApiTags('onboarding: coordinators')
@ApiBearerAuth()
@Controller('territories/:territoryId')
export class RosterController {
  constructor(
    private readonly roster: RosterHandler,
    private readonly imports: MemberImports,
    private readonly access: Access,
  ) {}

  @Get('members')
  @ApiOperation({ summary: 'The roster: members, applications and invitations, by name, filtered (coordinators)' })
  list(@Param('territoryId', UuidParam) territoryId: string, @Query() query: RosterQuery, @Ctx() ctx: ActorContext) {
    return this.roster.roster(territoryId, query, ctx);
  }

  @Post('invitations')
  @ApiOperation({ summary: 'Invite a firm by SIREN, on the platform or not yet (coordinators)' })
  invite(@Param('territoryId', UuidParam) territoryId: string, @Body() dto: InviteDto, @Ctx() ctx: ActorContext) {
    return this.roster.invite(territoryId, dto, ctx);
  }

  @Get('members/:siren')
  @ApiOperation({ summary: "A member or applicant, with its periods of membership and an imported list's contact (coordinators)" })
  get(@Param('territoryId', UuidParam) territoryId: string, @Param('siren') siren: string, @Ctx() ctx: ActorContext) {
    return this.roster.memberDetail(territoryId, siren, ctx);
  }

  @Get('members/:siren/history')
  @ApiOperation({ summary: "Every step of a firm's applications and memberships in the territory (coordinators)" })
  history(@Param('territoryId', UuidParam) territoryId: string, @Param('siren') siren: string, @Query() query: PageQuery, @Ctx() ctx: ActorContext) {
    return this.roster.memberHistory(territoryId, siren, query, ctx);
  }

  @Delete('members/:siren/contact')
  @ApiOperation({ summary: "Erase an imported member's contact (personal data) for good (coordinators)" })
  eraseContact(@Param('territoryId', UuidParam) territoryId: string, @Param('siren') siren: string, @Ctx() ctx: ActorContext) {
    return this.roster.eraseContact(territoryId, siren, ctx);
  }

  @Post('members/:siren/request-information')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask an applicant for information before deciding' })
  ask(@Param('territoryId', UuidParam) territoryId: string, @Param('siren') siren: string, @Body() dto: QuestionDto, @Ctx() ctx: ActorContext) {
    return this.roster.coordinatorStep(territoryId, siren, 'ask', dto, ctx);
  }

  @Post('members/:siren/admit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Admit an applicant, with an optional end date and groups' })
  admit(@Param('territoryId', UuidParam) territoryId: string, @Param('siren') siren: string, @Body() dto: AdmitDto, @Ctx() ctx: ActorContext) {
    return this.roster.coordinatorStep(territoryId, siren, 'admit', dto, ctx);
  }

  @Post('members/:siren/refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse an application, with the reason the firm will read' })
  refuse(@Param('territoryId', UuidParam) territoryId: string, @Param('siren') siren: string, @Body() dto: ReasonDto, @Ctx() ctx: ActorContext) {
    return this.roster.coordinatorStep(territoryId, siren, 'refuse', dto, ctx);
  }

  @Post('members/:siren/renew')
  @HttpCode(200)
  @ApiOperation({ summary: 'Renew a membership until a new last day' })
  renew(@Param('territoryId', UuidParam) territoryId: string, @Param('siren') siren: string, @Body() dto: RenewDto, @Ctx() ctx: ActorContext) {
    return this.roster.coordinatorStep(territoryId, siren, 'renew', dto, ctx);
  }

  @Post('members/:siren/exit')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a membership, with a reason' })
  exit(@Param('territoryId', UuidParam) territoryId: string, @Param('siren') siren: string, @Body() dto: ReasonDto, @Ctx() ctx: ActorContext) {
    return this.roster.coordinatorStep(territoryId, siren, 'exit', dto, ctx);
  }

  @Put('members/:siren/groups')
  @HttpCode(200)
  @ApiOperation({ summary: "Set a member's group labels" })
  groups(@Param('territoryId', UuidParam) territoryId: string, @Param('siren') siren: string, @Body() dto: GroupsDto, @Ctx() ctx: ActorContext) {
    return this.roster.coordinatorStep(territoryId, siren, 'groups', dto, ctx);
  }

  @Post('imports')
  @ApiOperation({
    summary: 'Import a member list (CSV): a dry run reports every bad row and what would change; a real import writes all rows or none (202, progress at the returned job)',
  })
  async import(@Param('territoryId', UuidParam) territoryId: string, @Body() dto: ImportDto, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    await this.access.coordinator(ctx.actor, territoryId);
    const job = await this.imports.start(territoryId, idFor('import', ctx), dto.csv, dto.dryRun === true, ctx);
    res.status(job.dryRun ? 200 : 202);
    if (!job.dryRun) res.setHeader('Location', `/territories/${territoryId}/imports/${job.importId}`);
    return job;
  }

  @Get('imports/:importId')
  @ApiOperation({ summary: "An import's progress: rows checked, bad rows, changes, events written" })
  async importJob(@Param('territoryId', UuidParam) territoryId: string, @Param('importId', UuidParam) importId: string, @Ctx() ctx: ActorContext) {
    await this.access.coordinator(ctx.actor, territoryId);
    return this.imports.get(territoryId, importId);
  }
}
