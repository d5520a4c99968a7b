import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx } from '@opn/service-kit';
import { Access } from '../../access/access';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly access: Access) {}

  @Get()
  @ApiOperation({ summary: 'What recommendations knows of you from identity: your companies, roles and whether you broker introductions' })
  me(@Ctx() ctx: ActorContext) {
    const v = this.access.viewer(ctx.actor);
    return {
      personId: v.personId,
      known: this.access.known(v.personId),
      companies: v.companyIds.map((companyId) => ({ companyId, role: v.adminOf.includes(companyId) ? 'company_admin' : 'member' })),
      platformRoles: v.platformRoles,
      brokersIntroductions: v.consents.warm_introductions,
    };
  }
}
