import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, Page, PageQuery, pageOf } from '@opn/service-kit';
import { Access } from '../../access/access';

export interface MyCompany {
  companyId: string;
  legalName: string;
  role: 'member' | 'company_admin';
}

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly access: Access) {}

  @Get('companies')
  @ApiOperation({ summary: 'The companies relations knows you act for, with your role (from identity, within seconds of a change)' })
  async companies(@Query() page: PageQuery, @Ctx() ctx: ActorContext): Promise<Page<MyCompany> & { platformRoles: string[] }> {
    const viewer = await this.access.viewer(ctx.actor);
    const ids = viewer.companyIds.slice((page.page - 1) * page.limit, page.page * page.limit);
    const known = await this.access.companies(ids);
    const items = ids.map((companyId): MyCompany => ({
      companyId,
      legalName: known.get(companyId)?.legalName ?? '',
      role: viewer.adminOf.includes(companyId) ? 'company_admin' : 'member',
    }));
    return { ...pageOf(items, viewer.companyIds.length, page), platformRoles: viewer.platformRoles };
  }
}
