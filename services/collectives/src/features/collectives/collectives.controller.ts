import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, PageQuery, UuidParam } from '@opn/service-kit';
import { CollectiveListQuery, MyCollectivesQuery, OptionalReasonDto, ProposeCollectiveDto, ReasonDto, UpdateCollectiveDto } from './collectives.dto';
import { CollectivesHandler } from './collectives.handler';

@ApiTags('collectives')
@ApiBearerAuth()
@Controller()
export class CollectivesController {
  constructor(private readonly collectives: CollectivesHandler) {}

  @Post('collectives')
  @ApiOperation({ summary: 'Propose a collective around an event, a purpose or a pretext: you are its initiator' })
  propose(@Body() dto: ProposeCollectiveDto, @Ctx() ctx: ActorContext) {
    return this.collectives.propose(dto, ctx);
  }

  @Get('collectives')
  @ApiOperation({ summary: 'Discover collectives open to you (or every one you may see), by territory, sector, rhythm and state, newest first' })
  list(@Query() query: CollectiveListQuery, @Ctx() ctx: ActorContext) {
    return this.collectives.list(query, ctx);
  }

  @Get('collectives/:collectiveId')
  @ApiOperation({ summary: "A collective's card: purpose, occasion, perimeter, state, leaders, companies involved, and what you are to it (404 for an invitation-only collective you are not part of)" })
  get(@Param('collectiveId', UuidParam) collectiveId: string, @Ctx() ctx: ActorContext) {
    return this.collectives.get(collectiveId, ctx);
  }

  @Patch('collectives/:collectiveId')
  @ApiOperation({ summary: 'Change its description (its leaders, or its initiator while it has none)' })
  update(@Param('collectiveId', UuidParam) collectiveId: string, @Body() dto: UpdateCollectiveDto, @Ctx() ctx: ActorContext) {
    return this.collectives.update(collectiveId, dto, ctx);
  }

  @Post('collectives/:collectiveId/forming')
  @HttpCode(200)
  @ApiOperation({ summary: 'proposed → forming: open it to members (its initiator or leaders)' })
  forming(@Param('collectiveId', UuidParam) collectiveId: string, @Ctx() ctx: ActorContext) {
    return this.collectives.step(collectiveId, 'StartForming', ctx);
  }

  @Post('collectives/:collectiveId/activate')
  @HttpCode(200)
  @ApiOperation({ summary: 'forming → active: needs a leader and the minimum members (its leaders)' })
  activate(@Param('collectiveId', UuidParam) collectiveId: string, @Ctx() ctx: ActorContext) {
    return this.collectives.step(collectiveId, 'Activate', ctx);
  }

  @Post('collectives/:collectiveId/deliver')
  @HttpCode(200)
  @ApiOperation({ summary: 'active → delivering: results are being recorded (its leaders)' })
  deliver(@Param('collectiveId', UuidParam) collectiveId: string, @Ctx() ctx: ActorContext) {
    return this.collectives.step(collectiveId, 'StartDelivering', ctx);
  }

  @Post('collectives/:collectiveId/dissolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'active or delivering → dissolving: every pair of its members keeps an alumni tie (its leaders)' })
  dissolve(@Param('collectiveId', UuidParam) collectiveId: string, @Body() dto: OptionalReasonDto, @Ctx() ctx: ActorContext) {
    return this.collectives.dissolve(collectiveId, dto.reason, ctx);
  }

  @Post('collectives/:collectiveId/archive')
  @HttpCode(200)
  @ApiOperation({ summary: 'dissolving → archived: it takes no more commands (whoever led it last)' })
  archive(@Param('collectiveId', UuidParam) collectiveId: string, @Ctx() ctx: ActorContext) {
    return this.collectives.step(collectiveId, 'Archive', ctx);
  }

  @Post('collectives/:collectiveId/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Abandon a proposal or a collective still forming (archived without alumni)' })
  cancel(@Param('collectiveId', UuidParam) collectiveId: string, @Body() dto: ReasonDto, @Ctx() ctx: ActorContext) {
    return this.collectives.cancel(collectiveId, dto.reason, ctx);
  }

  @Get('collectives/:collectiveId/history')
  @ApiOperation({ summary: 'Who did what and when (people in it, alumni, platform admins); ballots show who voted, never for whom' })
  history(@Param('collectiveId', UuidParam) collectiveId: string, @Query() query: PageQuery, @Ctx() ctx: ActorContext) {
    return this.collectives.history(collectiveId, query, ctx);
  }

  @Get('collectives/:collectiveId/alumni')
  @ApiOperation({ summary: 'The alumni of a dissolved collective, with when each was in it' })
  alumni(@Param('collectiveId', UuidParam) collectiveId: string, @Query() query: PageQuery, @Ctx() ctx: ActorContext) {
    return this.collectives.alumni(collectiveId, query, ctx);
  }

  @Get('me')
  @ApiOperation({ summary: 'What collectives knows of you: your companies with their sectors and territories, platform roles' })
  me(@Ctx() ctx: ActorContext) {
    return this.collectives.me(ctx);
  }

  @Get('me/collectives')
  @ApiOperation({ summary: 'Your collectives: current, invitations waiting, or past ones' })
  mine(@Query() query: MyCollectivesQuery, @Ctx() ctx: ActorContext) {
    return this.collectives.mine(query, ctx);
  }

  @Get('me/alumni')
  @ApiOperation({ summary: 'Everyone you were in a collective with, per collective, with the dates you were both in it' })
  myAlumni(@Query() query: PageQuery, @Ctx() ctx: ActorContext) {
    return this.collectives.myAlumni(query, ctx);
  }
}
