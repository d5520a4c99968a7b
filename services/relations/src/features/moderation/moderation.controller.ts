import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, PageQuery, UuidParam } from '@opn/service-kit';
import { ModerationReasonDto, ReportListQuery } from '../needs/needs.dto';
import { ModerationHandler } from './moderation.handler';

@ApiTags('moderation')
@ApiBearerAuth()
@Controller('moderation')
export class ModerationController {
  constructor(private readonly moderation: ModerationHandler) {}

  @Get('reports')
  @ApiOperation({ summary: 'The moderation queue, newest first (coordinators and platform admins; 404 to others)' })
  list(@Query() query: ReportListQuery, @Ctx() ctx: ActorContext) {
    return this.moderation.list(query.status, Object.assign(new PageQuery(), { page: query.page, limit: query.limit }), ctx);
  }

  @Post('reports/:reportId/hide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide the reported content and resolve the report (coordinators and platform admins)' })
  hide(@Param('reportId', UuidParam) reportId: string, @Body() dto: ModerationReasonDto, @Ctx() ctx: ActorContext) {
    return this.moderation.hide(reportId, dto.reason, ctx);
  }

  @Post('reports/:reportId/dismiss')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dismiss a report, leaving the content as it is (coordinators and platform admins)' })
  dismiss(@Param('reportId', UuidParam) reportId: string, @Body() dto: ModerationReasonDto, @Ctx() ctx: ActorContext) {
    return this.moderation.dismiss(reportId, dto.reason, ctx);
  }
}
