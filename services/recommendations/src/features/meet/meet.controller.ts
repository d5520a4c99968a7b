import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, UuidParam } from '@opn/service-kit';
import { SuggestionQuery } from './meet.dto';
import { MeetHandler } from './meet.handler';

@ApiTags('meet')
@ApiBearerAuth()
@Controller()
export class MeetController {
  constructor(private readonly meet: MeetHandler) {}

  @Get('companies/:companyId/suggestions')
  @ApiOperation({ summary: 'Companies your company could meet, best first, with the reasons of each (its members)' })
  companies(@Param('companyId', UuidParam) companyId: string, @Query() query: SuggestionQuery, @Ctx() ctx: ActorContext) {
    return this.meet.companies(companyId, query, ctx);
  }

  @Get('me/suggestions')
  @ApiOperation({ summary: 'People you could meet, from the ties people chose to show to members, alumni ties and colleagues' })
  people(@Query() query: SuggestionQuery, @Ctx() ctx: ActorContext) {
    return this.meet.people(query, ctx);
  }
}
