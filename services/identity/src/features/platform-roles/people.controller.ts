import { Controller, Delete, Get, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedActor as Actor, CurrentActor } from '@opn/auth';
import { NotFoundError, PlatformRole } from '@opn/kernel';
import { EnumParam, Meta, RequestMeta, UuidParam } from '@opn/service-kit';
import { personDecider, personStreamId } from '../../domain';
import { CommandRunner } from '../../infrastructure/command-runner';
import { CLOCK, Clock } from '../../infrastructure/tokens';
import { CompanyMembersQuery } from '../../read-models/company-members/company-members.query';
import { PeopleQuery } from '../../read-models/people/people.query';

const ROLES = ['territory_coordinator', 'platform_admin'] as const;
const rolePipe = EnumParam('role', ROLES);

@ApiTags('people')
@ApiBearerAuth()
@Controller('people/:personId')
export class PeopleController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly people: PeopleQuery,
    private readonly members: CompanyMembersQuery,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: "A person's public profile: visible to themself, to people of a shared company, to platform admins, or to all when they consented to the directory" })
  async get(@Param('personId', UuidParam) personId: string, @CurrentActor() actor: Actor) {
    const person = await this.people.get(personId);
    const visible =
      personId === actor.personId ||
      actor.platformRoles.includes('platform_admin') ||
      person.consents.directory_listing?.granted === true ||
      (await this.members.shareACompany(actor.personId, personId));
    if (!visible) throw new NotFoundError('person not found');
    return { personId, displayName: person.displayName, headline: person.headline, locale: person.locale, platformRoles: person.platformRoles };
  }

  @Put('platform-roles/:role')
  @HttpCode(204)
  @ApiParam({ name: 'role', enum: ROLES })
  @ApiOperation({ summary: 'Grant a platform role (platform admins)' })
  async grant(@Param('personId', UuidParam) personId: string, @Param('role', rolePipe) role: PlatformRole, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta) {
    await this.commands.run(personStreamId(personId), personDecider, { type: 'GrantPlatformRole', data: { actor, role, now: this.clock().toISOString() } }, { meta, actor: actor.personId });
  }

  @Delete('platform-roles/:role')
  @HttpCode(204)
  @ApiParam({ name: 'role', enum: ROLES })
  @ApiOperation({ summary: 'Revoke a platform role (platform admins)' })
  async revoke(@Param('personId', UuidParam) personId: string, @Param('role', rolePipe) role: PlatformRole, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta) {
    await this.commands.run(personStreamId(personId), personDecider, { type: 'RevokePlatformRole', data: { actor, role, now: this.clock().toISOString() } }, { meta, actor: actor.personId });
  }
}
