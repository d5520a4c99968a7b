import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, PageQuery, UuidParam } from '@opn/service-kit';
import { WeavingHandler } from './weaving.handler';

@ApiTags('weaving')
@ApiBearerAuth()
@Controller('territories/:territoryId')
export class WeavingController {
  constructor(private readonly weaving: WeavingHandler) {}

  @Get('weaving-queue')
  @ApiOperation({ summary: 'Introductions between member firms of separate clusters a coordinator could make, by expected value, with the reason (its coordinators and platform admins)' })
  queue(@Param('territoryId', UuidParam) territoryId: string, @Query() query: PageQuery, @Ctx() ctx: ActorContext) {
    return this.weaving.queue(territoryId, query, ctx);
  }
}
