import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, PageQuery, UuidParam } from '@opn/service-kit';
import type { ContentTarget } from '../../domain';
import {
  CompanyNeedsQuery,
  ExpressInterestDto,
  IntroductionDto,
  MeetingDto,
  NeedListQuery,
  PublishNeedDto,
  PublisherQuery,
  RecordOutcomeDto,
  ReportDto,
  RestoreDto,
  ShortlistDto,
  TargetDto,
} from './needs.dto';
import { NeedsHandler } from './needs.handler';

export const contentTarget = (t: TargetDto): ContentTarget => (t.kind === 'interest' ? { kind: 'interest', companyId: t.companyId! } : { kind: 'need' });

const page = (q: PageQuery) => Object.assign(new PageQuery(), { page: q.page, limit: q.limit });

@ApiTags('needs')
@ApiBearerAuth()
@Controller()
export class NeedsController {
  constructor(private readonly needs: NeedsHandler) {}

  @Post('companies/:companyId/needs')
  @ApiOperation({ summary: 'Publish a partnership need for your company (any member)' })
  publish(@Param('companyId', UuidParam) companyId: string, @Body() dto: PublishNeedDto, @Ctx() ctx: ActorContext) {
    return this.needs.publish(companyId, dto, ctx);
  }

  @Get('companies/:companyId/needs')
  @ApiOperation({ summary: "A company's own needs, newest first, hidden ones included (its members, coordinators, platform admins)" })
  forCompany(@Param('companyId', UuidParam) companyId: string, @Query() query: CompanyNeedsQuery, @Ctx() ctx: ActorContext) {
    return this.needs.forCompany(companyId, query.status, page(query), ctx);
  }

  @Get('needs')
  @ApiOperation({ summary: 'Discovery: the needs you may see (open ones unless status=closed), filtered, newest first' })
  discover(@Query() query: NeedListQuery, @Ctx() ctx: ActorContext) {
    const { capability, departement, budgetBand, companyId, status } = query;
    return this.needs.discover({ capability, departement, budgetBand, companyId, status }, page(query), ctx);
  }

  @Get('needs/:needId')
  @ApiOperation({ summary: 'A need as you may see it: the publisher and moderators see every step, an engaged company its own, others the public part' })
  get(@Param('needId', UuidParam) needId: string, @Ctx() ctx: ActorContext) {
    return this.needs.get(needId, ctx);
  }

  @Get('needs/:needId/history')
  @ApiOperation({ summary: "Who did what and when on a need, each step as you may see it (reports and moderation: moderators; the publisher learns that content was hidden, and why)" })
  history(@Param('needId', UuidParam) needId: string, @Query() query: PageQuery, @Ctx() ctx: ActorContext) {
    return this.needs.history(needId, query, ctx);
  }

  @Post('needs/:needId/interests')
  @ApiOperation({ summary: 'Express your company’s interest in a need (any member of that company)' })
  expressInterest(@Param('needId', UuidParam) needId: string, @Body() dto: ExpressInterestDto, @Ctx() ctx: ActorContext) {
    return this.needs.expressInterest(needId, dto, ctx);
  }

  @Delete('needs/:needId/interests/:companyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw your company’s interest (any member of that company)' })
  async withdrawInterest(@Param('needId', UuidParam) needId: string, @Param('companyId', UuidParam) companyId: string, @Ctx() ctx: ActorContext) {
    await this.needs.withdrawInterest(needId, companyId, ctx);
  }

  @Post('needs/:needId/shortlist')
  @HttpCode(200)
  @ApiOperation({ summary: 'Shortlist an interested company (members of the publisher, named in the body)' })
  shortlist(@Param('needId', UuidParam) needId: string, @Body() dto: ShortlistDto, @Ctx() ctx: ActorContext) {
    return this.needs.shortlist(needId, dto, ctx);
  }

  @Delete('needs/:needId/shortlist/:partnerCompanyId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a company from the shortlist (members of the publisher, named by ?companyId=)' })
  async removeFromShortlist(@Param('needId', UuidParam) needId: string, @Param('partnerCompanyId', UuidParam) partnerCompanyId: string, @Query() query: PublisherQuery, @Ctx() ctx: ActorContext) {
    await this.needs.removeFromShortlist(needId, query.companyId, partnerCompanyId, ctx);
  }

  @Post('needs/:needId/introductions')
  @ApiOperation({
    summary: 'Introduce a partner company to the publisher',
    description: "via platform: platform admins; via coordinator: territory coordinators; via person: someone who knows both sides, i.e. for each company a member of it or with a confirmed tie to one of its members (403 otherwise)",
  })
  introduce(@Param('needId', UuidParam) needId: string, @Body() dto: IntroductionDto, @Ctx() ctx: ActorContext) {
    return this.needs.introduce(needId, dto, ctx);
  }

  @Post('needs/:needId/meetings')
  @ApiOperation({ summary: 'Log a meeting between the publisher and an engaged partner (members of either)' })
  logMeeting(@Param('needId', UuidParam) needId: string, @Body() dto: MeetingDto, @Ctx() ctx: ActorContext) {
    return this.needs.logMeeting(needId, dto, ctx);
  }

  @Post('needs/:needId/outcome')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the need with its outcome: an agreement (creates or strengthens the relation), no deal, or withdrawn (members of the publisher)' })
  recordOutcome(@Param('needId', UuidParam) needId: string, @Body() dto: RecordOutcomeDto, @Ctx() ctx: ActorContext) {
    return this.needs.recordOutcome(needId, dto, ctx);
  }

  @Post('needs/:needId/reports')
  @ApiOperation({ summary: 'Report a need or an interest in it to the moderators (anyone who can see the need)' })
  report(@Param('needId', UuidParam) needId: string, @Body() dto: ReportDto, @Ctx() ctx: ActorContext) {
    return this.needs.report(needId, contentTarget(dto.target), dto.reason, ctx);
  }

  @Post('needs/:needId/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore hidden content (coordinators and platform admins)' })
  restore(@Param('needId', UuidParam) needId: string, @Body() dto: RestoreDto, @Ctx() ctx: ActorContext) {
    return this.needs.restore(needId, contentTarget(dto.target), dto.reason, ctx);
  }
}
