import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, PageQuery, UuidParam } from '@opn/service-kit';

import { CallElectionDto, StandDto, VoteDto } from './leadership.dto';
import { LeadershipHandler } from './leadership.handler';

@ApiTags('leadership')
@ApiBearerAuth()
@Controller('collectives/:collectiveId')
export class LeadershipController {
  constructor(private readonly leadership: LeadershipHandler) {}

  @Post('elections')
  @ApiOperation({ summary: 'Call an election of leaders (a leader during their term; any member when nobody leads)' })
  call(@Param('collectiveId', UuidParam) collectiveId: string, @Body() dto: CallElectionDto, @Ctx() ctx: ActorContext) {
    return this.leadership.call(collectiveId, dto, ctx);
  }

  @Get('elections')
  @ApiOperation({ summary: 'Its elections, latest first, with candidates, their contributions, turnout and outcome' })
  list(@Param('collectiveId', UuidParam) collectiveId: string, @Query() query: PageQuery, @Ctx() ctx: ActorContext) {
    return this.leadership.list(collectiveId, query, ctx);
  }

  @Get('elections/:electionId')
  @ApiOperation({ summary: 'One election: candidates with their statements and contributions, turnout, quorum, outcome' })
  get(@Param('collectiveId', UuidParam) collectiveId: string, @Param('electionId', UuidParam) electionId: string, @Ctx() ctx: ActorContext) {
    return this.leadership.get(collectiveId, electionId, ctx);
  }

  @Post('elections/:electionId/candidacy')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stand for election (members of its electorate)' })
  stand(@Param('collectiveId', UuidParam) collectiveId: string, @Param('electionId', UuidParam) electionId: string, @Body() dto: StandDto, @Ctx() ctx: ActorContext) {
    return this.leadership.stand(collectiveId, electionId, dto.statement, ctx);
  }

  @Post('elections/:electionId/votes')
  @HttpCode(200)
  @ApiOperation({ summary: 'Vote for a candidate: one vote each, secret' })
  vote(@Param('collectiveId', UuidParam) collectiveId: string, @Param('electionId', UuidParam) electionId: string, @Body() dto: VoteDto, @Ctx() ctx: ActorContext) {
    return this.leadership.vote(collectiveId, electionId, dto.candidateId, ctx);
  }

  @Post('elections/:electionId/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Count the votes: once voting has ended, or once every member has voted' })
  close(@Param('collectiveId', UuidParam) collectiveId: string, @Param('electionId', UuidParam) electionId: string, @Ctx() ctx: ActorContext) {
    return this.leadership.close(collectiveId, electionId, ctx);
  }

  @Post('rotation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pass the lead to the next member (a rotating collective whose turn has ended; the platform does it too)' })
  rotate(@Param('collectiveId', UuidParam) collectiveId: string, @Ctx() ctx: ActorContext) {
    return this.leadership.rotate(collectiveId, ctx);
  }
}
