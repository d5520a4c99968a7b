import { Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { PLATFORM_ROLES, PlatformRole } from '@opn/kernel';
import { ActorContext, Ctx, EnumParam, UuidParam } from '@opn/service-kit';
import { PlatformRolesHandler } from './platform-roles.handler';

const rolePipe = EnumParam('role', PLATFORM_ROLES);

@ApiTags('people')
@ApiBearerAuth()
@Controller('people/:personId')
export class PlatformRolesController {
  constructor(private readonly people: PlatformRolesHandler) {}

  @Get()
  @ApiOperation({ summary: "A person's public profile: visible to themself, to people of a shared company, to platform admins, or to all when they consented to the directory" })
  get(@Param('personId', UuidParam) personId: string, @Ctx() ctx: ActorContext) {
    return this.people.profile(personId, ctx);
  }

  @Put('platform-roles/:role')
  @HttpCode(204)
  @ApiParam({ name: 'role', enum: PLATFORM_ROLES })
  @ApiOperation({ summary: 'Grant a platform role (platform admins)' })
  grant(@Param('personId', UuidParam) personId: string, @Param('role', rolePipe) role: PlatformRole, @Ctx() ctx: ActorContext): Promise<void> {
    return this.people.grant(personId, role, ctx);
  }

  @Delete('platform-roles/:role')
  @HttpCode(204)
  @ApiParam({ name: 'role', enum: PLATFORM_ROLES })
  @ApiOperation({ summary: 'Revoke a platform role (platform admins)' })
  revoke(@Param('personId', UuidParam) personId: string, @Param('role', rolePipe) role: PlatformRole, @Ctx() ctx: ActorContext): Promise<void> {
    return this.people.revoke(personId, role, ctx);
  }
}
