import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, OpaqueIdParam, PageQuery, UuidParam } from '@opn/service-kit';
import type { Response } from 'express';
import { ConfirmRelationDto, EndRelationDto, ProposeRelationDto, ReasonDto, RelationListQuery } from './relations.dto';
import { RelationsHandler } from './relations.handler';

const IF_MATCH = { name: 'If-Match', required: false, description: 'ETag from a previous answer, like "3": refused with 412 if the relation changed since' };

@ApiTags('relations')
@ApiBearerAuth()
@Controller()
export class RelationsController {
  constructor(private readonly relations: RelationsHandler) {}

  @Post('companies/:companyId/relations')
  @ApiOperation({ summary: 'Propose a relation to another company (company admins); the other company confirms it' })
  async propose(@Param('companyId', UuidParam) companyId: string, @Body() dto: ProposeRelationDto, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    const result = await this.relations.propose(companyId, dto, ctx);
    res.setHeader('Location', `/relations/${result.relationId}`).setHeader('ETag', `"${result.revision}"`);
    return { relationId: result.relationId, status: result.status };
  }

  @Get('companies/:companyId/relations')
  @ApiOperation({ summary: "A company's relations, newest change first (its members, coordinators and platform admins)" })
  list(@Param('companyId', UuidParam) companyId: string, @Query() query: RelationListQuery, @Ctx() ctx: ActorContext) {
    const { status, kind, partnerCompanyId, page, limit } = query;
    return this.relations.list(companyId, { status, kind, partnerCompanyId }, Object.assign(new PageQuery(), { page, limit }), ctx);
  }

  @Post('companies/:companyId/relations/:relationId/confirm')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Confirm a relation the other company proposed (company admins)' })
  confirm(@Param('companyId', UuidParam) companyId: string, @Param('relationId', OpaqueIdParam) relationId: string, @Body() dto: ConfirmRelationDto, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, this.relations.confirm(companyId, relationId, dto, ctx));
  }

  @Post('companies/:companyId/relations/:relationId/decline')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Decline a relation the other company proposed (company admins)' })
  decline(@Param('companyId', UuidParam) companyId: string, @Param('relationId', OpaqueIdParam) relationId: string, @Body() dto: ReasonDto, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, this.relations.simple('DeclineRelation', companyId, relationId, dto.reason, ctx));
  }

  @Post('companies/:companyId/relations/:relationId/withdraw')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Withdraw your own proposal before it is answered (company admins)' })
  withdraw(@Param('companyId', UuidParam) companyId: string, @Param('relationId', OpaqueIdParam) relationId: string, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, this.relations.simple('WithdrawRelationProposal', companyId, relationId, undefined, ctx));
  }

  @Post('companies/:companyId/relations/:relationId/suspend')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Suspend an active relation (either company admin)' })
  suspend(@Param('companyId', UuidParam) companyId: string, @Param('relationId', OpaqueIdParam) relationId: string, @Body() dto: ReasonDto, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, this.relations.simple('SuspendRelation', companyId, relationId, dto.reason, ctx));
  }

  @Post('companies/:companyId/relations/:relationId/resume')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Resume a suspended relation (either company admin)' })
  resume(@Param('companyId', UuidParam) companyId: string, @Param('relationId', OpaqueIdParam) relationId: string, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, this.relations.simple('ResumeRelation', companyId, relationId, undefined, ctx));
  }

  @Post('companies/:companyId/relations/:relationId/end')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'End an active or suspended relation, with its end date (either company admin)' })
  end(@Param('companyId', UuidParam) companyId: string, @Param('relationId', OpaqueIdParam) relationId: string, @Body() dto: EndRelationDto, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, this.relations.end(companyId, relationId, dto, ctx));
  }

  @Get('relations/:relationId')
  @ApiOperation({ summary: 'A relation, with the kind as each side reads it (its two companies, coordinators, platform admins)' })
  async get(@Param('relationId', OpaqueIdParam) relationId: string, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    const { view, revision } = await this.relations.get(relationId, ctx);
    res.setHeader('ETag', `"${revision}"`);
    return view;
  }

  @Get('relations/:relationId/history')
  @ApiOperation({ summary: "Who did what and when on a relation, from its stream, every period included" })
  history(@Param('relationId', OpaqueIdParam) relationId: string, @Query() page: PageQuery, @Ctx() ctx: ActorContext) {
    return this.relations.history(relationId, page, ctx);
  }

  private async answer(res: Response, pending: Promise<{ relationId: string; status: string; revision: number }>) {
    const { relationId, status, revision } = await pending;
    res.setHeader('ETag', `"${revision}"`);
    return { relationId, status };
  }
}
