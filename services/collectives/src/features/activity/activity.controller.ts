import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, UuidParam } from '@opn/service-kit';
import { ReasonDto } from '../collectives/collectives.dto';
import { ActivityQuery, AnnouncementDto, AttendanceDto, DocumentDto, MeetingDto, ModerateDto, ReportDto, ReportListQuery, ResultDto } from './activity.dto';
import { ActivityHandler } from './activity.handler';

@ApiTags('activity')
@ApiBearerAuth()
@Controller('collectives/:collectiveId')
export class ActivityController {
  constructor(private readonly activity: ActivityHandler) {}

  @Get('activity')
  @ApiOperation({ summary: 'Announcements, meetings, documents and results, newest first (people in it)' })
  list(@Param('collectiveId', UuidParam) collectiveId: string, @Query() query: ActivityQuery, @Ctx() ctx: ActorContext) {
    return this.activity.list(collectiveId, query, ctx);
  }

  @Post('announcements')
  @ApiOperation({ summary: 'Post an announcement (members)' })
  announce(@Param('collectiveId', UuidParam) collectiveId: string, @Body() dto: AnnouncementDto, @Ctx() ctx: ActorContext) {
    return this.activity.announce(collectiveId, dto, ctx);
  }

  @Post('meetings')
  @ApiOperation({ summary: 'Schedule a meeting (members)' })
  schedule(@Param('collectiveId', UuidParam) collectiveId: string, @Body() dto: MeetingDto, @Ctx() ctx: ActorContext) {
    return this.activity.schedule(collectiveId, dto, ctx);
  }

  @Put('meetings/:meetingId/attendance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record who attended, once it has started (whoever scheduled it, or the leaders); a new list replaces the last' })
  attendance(@Param('collectiveId', UuidParam) collectiveId: string, @Param('meetingId', UuidParam) meetingId: string, @Body() dto: AttendanceDto, @Ctx() ctx: ActorContext) {
    return this.activity.attendance(collectiveId, meetingId, dto.present, ctx);
  }

  @Post('documents')
  @ApiOperation({ summary: 'Share a document by link (members)' })
  document(@Param('collectiveId', UuidParam) collectiveId: string, @Body() dto: DocumentDto, @Ctx() ctx: ActorContext) {
    return this.activity.document(collectiveId, dto, ctx);
  }

  @Post('results')
  @ApiOperation({ summary: 'Record a result (a document, an agreement, an event held), crediting its contributors (members, once active)' })
  result(@Param('collectiveId', UuidParam) collectiveId: string, @Body() dto: ResultDto, @Ctx() ctx: ActorContext) {
    return this.activity.result(collectiveId, dto, ctx);
  }

  @Post('reports')
  @ApiOperation({ summary: 'Report an announcement, a document or a result to the moderators (anyone in it)' })
  report(@Param('collectiveId', UuidParam) collectiveId: string, @Body() dto: ReportDto, @Ctx() ctx: ActorContext) {
    return this.activity.report(collectiveId, dto.target, dto.reason, ctx);
  }

  @Get('moderation/reports')
  @ApiOperation({ summary: 'The moderation queue: reported content with its reports (leaders and platform admins)' })
  queue(@Param('collectiveId', UuidParam) collectiveId: string, @Query() query: ReportListQuery, @Ctx() ctx: ActorContext) {
    return this.activity.queue(collectiveId, query.status ?? 'open', query, ctx);
  }

  @Post('moderation/hide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide content, resolving its open reports (leaders and platform admins; audited)' })
  hide(@Param('collectiveId', UuidParam) collectiveId: string, @Body() dto: ModerateDto, @Ctx() ctx: ActorContext) {
    return this.activity.hide(collectiveId, dto.target, dto.reason, ctx);
  }

  @Post('moderation/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore hidden content (leaders and platform admins; audited)' })
  restore(@Param('collectiveId', UuidParam) collectiveId: string, @Body() dto: ModerateDto, @Ctx() ctx: ActorContext) {
    return this.activity.restore(collectiveId, dto.target, dto.reason, ctx);
  }

  @Post('moderation/reports/:reportId/dismiss')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dismiss a report, leaving the content as it is (leaders and platform admins; audited)' })
  dismiss(@Param('collectiveId', UuidParam) collectiveId: string, @Param('reportId', UuidParam) reportId: string, @Body() dto: ReasonDto, @Ctx() ctx: ActorContext) {
    return this.activity.dismiss(collectiveId, reportId, dto.reason, ctx);
  }
}
