import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, UuidParam } from '@opn/service-kit';
import { PartnerFilterQuery, PartnerSearchQuery } from './partners.dto';
import { PartnersHandler } from './partners.handler';

@ApiTags('partners')
@ApiBearerAuth()
@Controller()
export class PartnersController {
  constructor(private readonly partners: PartnersHandler) {}

  @Get('needs/:needId/partners')
  @ApiOperation({ summary: "Companies ranked for one of your company's needs, with the reasons of each (members of the company that published it)" })
  forNeed(@Param('needId', UuidParam) needId: string, @Query() query: PartnerFilterQuery, @Ctx() ctx: ActorContext) {
    return this.partners.forNeed(needId, query, ctx);
  }

  @Get('partners')
  @ApiOperation({ summary: 'Search companies by what they do, in French or English, with filters and the reasons of each' })
  search(@Query() query: PartnerSearchQuery, @Ctx() ctx: ActorContext) {
    return this.partners.search(query, ctx);
  }
}
