import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedActor as Actor, CurrentActor } from '@opn/auth';
import { Meta, Page, PageQuery, RequestMeta, UuidParam } from '@opn/service-kit';
import { companyDecider, companyStreamId } from '../../domain';
import { CommandRunner } from '../../infrastructure/command-runner';
import { CLOCK, Clock } from '../../infrastructure/tokens';
import { CompanyMembersQuery, MemberView } from '../../read-models/company-members/company-members.query';
import { ChangeRoleDto } from './members.dto';

@ApiTags('members')
@ApiBearerAuth()
@Controller('companies/:companyId/members')
export class MembersController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly members: CompanyMembersQuery,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: "A company's members (visible to its members and platform admins only)" })
  async list(@Param('companyId', UuidParam) companyId: string, @Query() page: PageQuery, @CurrentActor() actor: Actor): Promise<Page<MemberView>> {
    await this.members.assertCanSee(companyId, actor);
    return this.members.list(companyId, page);
  }

  @Patch(':personId')
  @ApiOperation({ summary: "Change a member's role (company admins); the last admin cannot be demoted" })
  async changeRole(
    @Param('companyId', UuidParam) companyId: string,
    @Param('personId', UuidParam) personId: string,
    @Body() dto: ChangeRoleDto,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
  ) {
    await this.commands.run(
      companyStreamId(companyId),
      companyDecider,
      { type: 'ChangeMemberRole', data: { actor, personId, role: dto.role, now: this.clock().toISOString() } },
      { meta, actor: actor.personId, useIfMatch: true },
    );
    return { companyId, personId, role: dto.role };
  }

  @Delete(':personId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member (company admins), or leave (a member removing themself)' })
  async remove(
    @Param('companyId', UuidParam) companyId: string,
    @Param('personId', UuidParam) personId: string,
    @CurrentActor() actor: Actor,
    @Meta() meta: RequestMeta,
  ): Promise<void> {
    await this.commands.run(
      companyStreamId(companyId),
      companyDecider,
      { type: 'RemoveMember', data: { actor, personId, now: this.clock().toISOString() } },
      { meta, actor: actor.personId, useIfMatch: true },
    );
  }
}
