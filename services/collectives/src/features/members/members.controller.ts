import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, PageQuery, UuidParam } from '@opn/service-kit';
import { OptionalReasonDto, ReasonDto } from '../collectives/collectives.dto';
import { InviteDto, JoinDto } from './members.dto';
import { MembersHandler } from './members.handler';

@ApiTags('members')
@ApiBearerAuth()
@Controller('collectives/:collectiveId')
export class MembersController {
  constructor(private readonly members: MembersHandler) {}

  @Get('members')
  @ApiOperation({ summary: 'The people in it with roles, companies and contributions: leaders first, then by contribution' })
  list(@Param('collectiveId', UuidParam) collectiveId: string, @Query() query: PageQuery, @Ctx() ctx: ActorContext) {
    return this.members.list(collectiveId, query, ctx);
  }

  @Get('members/:personId/contributions')
  @ApiOperation({ summary: "A member's contribution log: announcements, documents, results and meetings attended, with counts" })
  contributions(@Param('collectiveId', UuidParam) collectiveId: string, @Param('personId', UuidParam) personId: string, @Query() query: PageQuery, @Ctx() ctx: ActorContext) {
    return this.members.contributions(collectiveId, personId, query, ctx);
  }

  @Post('invitations')
  @ApiOperation({ summary: 'Invite someone as a member or a guest (any member of an open collective; the organisers otherwise, and for guests)' })
  invite(@Param('collectiveId', UuidParam) collectiveId: string, @Body() dto: InviteDto, @Ctx() ctx: ActorContext) {
    return this.members.invite(collectiveId, dto, ctx);
  }

  @Post('invitation/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline your invitation' })
  decline(@Param('collectiveId', UuidParam) collectiveId: string, @Ctx() ctx: ActorContext) {
    return this.members.decline(collectiveId, ctx);
  }

  @Post('join')
  @HttpCode(200)
  @ApiOperation({ summary: 'Join: an open collective whose perimeter holds your company, or one you were invited to' })
  join(@Param('collectiveId', UuidParam) collectiveId: string, @Body() dto: JoinDto, @Ctx() ctx: ActorContext) {
    return this.members.join(collectiveId, dto, ctx);
  }

  @Post('leave')
  @HttpCode(200)
  @ApiOperation({ summary: 'Leave the collective' })
  leave(@Param('collectiveId', UuidParam) collectiveId: string, @Body() dto: OptionalReasonDto, @Ctx() ctx: ActorContext) {
    return this.members.leave(collectiveId, dto.reason, ctx);
  }

  @Post('members/:personId/remove')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove a member, with a reason (its leaders)' })
  remove(@Param('collectiveId', UuidParam) collectiveId: string, @Param('personId', UuidParam) personId: string, @Body() dto: ReasonDto, @Ctx() ctx: ActorContext) {
    return this.members.remove(collectiveId, personId, dto.reason, ctx);
  }
}
