import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, OpaqueIdParam, PageQuery, UuidParam } from '@opn/service-kit';
import type { Response } from 'express';
import { ContactDto, DeclareTieDto, TieListQuery, UpdateTieDto, VisibilityDto } from './ties.dto';
import { TiesHandler } from './ties.handler';

const IF_MATCH = { name: 'If-Match', required: false, description: 'ETag from a previous answer, like "3": refused with 412 if the tie changed since' };

@ApiTags('ties')
@ApiBearerAuth()
@Controller()
export class TiesController {
  constructor(private readonly ties: TiesHandler) {}

  @Post('ties')
  @ApiOperation({ summary: 'Declare a personal tie with another person (needs your personal_ties consent); they confirm it' })
  async declare(@Body() dto: DeclareTieDto, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    const { tieId, status, revision } = await this.ties.declare(dto, ctx);
    res.setHeader('Location', `/ties/${tieId}`).setHeader('ETag', `"${revision}"`);
    return { tieId, status };
  }

  @Post('ties/:tieId/confirm')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Confirm a tie the other person declared, with your own visibility (needs your personal_ties consent)' })
  confirm(@Param('tieId', OpaqueIdParam) tieId: string, @Body() dto: VisibilityDto, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, this.ties.confirm(tieId, dto.visibility, ctx));
  }

  @Post('ties/:tieId/decline')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Decline a tie the other person declared' })
  decline(@Param('tieId', OpaqueIdParam) tieId: string, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, this.ties.decline(tieId, ctx));
  }

  @Post('ties/:tieId/end')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'End a confirmed tie, or withdraw your own declaration' })
  end(@Param('tieId', OpaqueIdParam) tieId: string, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, this.ties.end(tieId, ctx));
  }

  @Post('ties/:tieId/contact')
  @HttpCode(200)
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Record a contact on a confirmed tie (revives a dormant one)' })
  contact(@Param('tieId', OpaqueIdParam) tieId: string, @Body() dto: ContactDto, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, this.ties.contact(tieId, dto, ctx));
  }

  @Patch('ties/:tieId')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: "Change a confirmed tie's kinds or strength" })
  update(@Param('tieId', OpaqueIdParam) tieId: string, @Body() dto: UpdateTieDto, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, this.ties.update(tieId, dto, ctx));
  }

  @Put('ties/:tieId/visibility')
  @ApiHeader(IF_MATCH)
  @ApiOperation({ summary: 'Change your own visibility of a tie (the tie shows the narrower of the two sides)' })
  visibility(@Param('tieId', OpaqueIdParam) tieId: string, @Body() dto: VisibilityDto, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    return this.answer(res, this.ties.visibility(tieId, dto.visibility, ctx));
  }

  @Get('ties/:tieId')
  @ApiOperation({ summary: 'A tie: everything for its two people (note included); a confirmed members tie, without note, for anyone else; otherwise 404' })
  get(@Param('tieId', OpaqueIdParam) tieId: string, @Ctx() ctx: ActorContext) {
    return this.ties.get(tieId, ctx);
  }

  @Get('ties/:tieId/history')
  @ApiOperation({ summary: 'Who did what and when on a tie, from its stream: its two people only' })
  history(@Param('tieId', OpaqueIdParam) tieId: string, @Query() page: PageQuery, @Ctx() ctx: ActorContext) {
    return this.ties.history(tieId, page, ctx);
  }

  @Get('me/ties')
  @ApiOperation({ summary: 'Your ties, newest change first, filtered by status, kind or dormancy' })
  mine(@Query() query: TieListQuery, @Ctx() ctx: ActorContext) {
    const { status, kind, dormant, page, limit } = query;
    return this.ties.mine({ status, kind, dormant }, Object.assign(new PageQuery(), { page, limit }), ctx);
  }

  @Get('people/:personId/ties')
  @ApiOperation({ summary: "A person's confirmed ties open to members (the person themself sees all theirs)" })
  ofPerson(@Param('personId', UuidParam) personId: string, @Query() page: PageQuery, @Ctx() ctx: ActorContext) {
    return this.ties.ofPerson(personId, page, ctx);
  }

  @Get('companies/:companyId/reach')
  @ApiOperation({ summary: "Aggregate reach of a company's people through their ties, small cells suppressed (company admins, platform admins)" })
  companyReach(@Param('companyId', UuidParam) companyId: string, @Ctx() ctx: ActorContext) {
    return this.ties.companyReach(companyId, ctx);
  }

  @Get('territories/:departement/reach')
  @ApiOperation({ summary: "Aggregate reach of a département's companies' people through their ties, small cells suppressed (coordinators, platform admins)" })
  territoryReach(@Param('departement') departement: string, @Ctx() ctx: ActorContext) {
    return this.ties.territoryReach(departement, ctx);
  }

  private async answer(res: Response, pending: Promise<{ tieId: string; status: string; revision: number }>) {
    const { tieId, status, revision } = await pending;
    res.setHeader('ETag', `"${revision}"`);
    return { tieId, status };
  }
}
