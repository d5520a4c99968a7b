import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, Page, PageQuery, UuidParam } from '@opn/service-kit';
import { MemberView } from '../../read-models/company-members/company-members.query';
import { ChangeRoleDto } from './members.dto';
import { MembersHandler } from './members.handler';

@ApiTags('members')
@ApiBearerAuth()
@Controller('companies/:companyId/members')
export class MembersController {
  constructor(private readonly members: MembersHandler) {}

  @Get()
  @ApiOperation({ summary: "A company's members (visible to its members and platform admins only)" })
  list(@Param('companyId', UuidParam) companyId: string, @Query() page: PageQuery, @Ctx() ctx: ActorContext): Promise<Page<MemberView>> {
    return this.members.list(companyId, page, ctx);
  }

  @Patch(':personId')
  @ApiOperation({ summary: "Change a member's role (company admins); the last admin cannot be demoted" })
  changeRole(@Param('companyId', UuidParam) companyId: string, @Param('personId', UuidParam) personId: string, @Body() dto: ChangeRoleDto, @Ctx() ctx: ActorContext) {
    return this.members.changeRole(companyId, personId, dto.role, ctx);
  }

  @Delete(':personId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member (company admins), or leave (a member removing themself)' })
  remove(@Param('companyId', UuidParam) companyId: string, @Param('personId', UuidParam) personId: string, @Ctx() ctx: ActorContext): Promise<void> {
    return this.members.remove(companyId, personId, ctx);
  }
}
