import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, UuidParam } from '@opn/service-kit';
import { DeclineDto, IntroductionListQuery, RequestIntroductionDto, WarmPathQuery } from './introductions.dto';
import { IntroductionsHandler } from './introductions.handler';

@ApiTags('introductions')
@ApiBearerAuth()
@Controller()
export class IntroductionsController {
  constructor(private readonly introductions: IntroductionsHandler) {}

  @Get('me/warm-paths')
  @ApiOperation({ summary: 'The strongest paths from you to someone of a company through one or two people who broker introductions, with the strength and basis of each tie' })
  warmPaths(@Query() query: WarmPathQuery, @Ctx() ctx: ActorContext) {
    return this.introductions.warmPaths(query, ctx);
  }

  @Post('introductions')
  @ApiOperation({ summary: 'Ask to be introduced along a warm path: each broker in turn, then the target, accepts or declines' })
  request(@Body() dto: RequestIntroductionDto, @Ctx() ctx: ActorContext) {
    return this.introductions.request(dto, ctx);
  }

  @Get('introductions')
  @ApiOperation({ summary: 'Introductions you asked for, pass on or receive, newest first' })
  list(@Query() query: IntroductionListQuery, @Ctx() ctx: ActorContext) {
    return this.introductions.list(query, ctx);
  }

  @Get('introductions/:introductionId')
  @ApiOperation({ summary: 'One introduction (its requester and brokers; its target once every broker passed it on)' })
  get(@Param('introductionId', UuidParam) introductionId: string, @Ctx() ctx: ActorContext) {
    return this.introductions.get(introductionId, ctx);
  }

  @Post('introductions/:introductionId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept, when it waits for you: a broker passes it on, the target agrees to be introduced' })
  accept(@Param('introductionId', UuidParam) introductionId: string, @Ctx() ctx: ActorContext) {
    return this.introductions.accept(introductionId, ctx);
  }

  @Post('introductions/:introductionId/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline, when it waits for you, with an optional reason for the requester' })
  decline(@Param('introductionId', UuidParam) introductionId: string, @Body() dto: DeclineDto, @Ctx() ctx: ActorContext) {
    return this.introductions.decline(introductionId, dto, ctx);
  }

  @Post('introductions/:introductionId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw your request while it is pending' })
  withdraw(@Param('introductionId', UuidParam) introductionId: string, @Ctx() ctx: ActorContext) {
    return this.introductions.withdraw(introductionId, ctx);
  }
}
