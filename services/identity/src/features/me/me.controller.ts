import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedActor as Actor, CurrentActor } from '@opn/auth';
import { UnauthorizedError } from '@opn/kernel';
import { EnumParam, Meta, PageQuery, RequestMeta } from '@opn/service-kit';
import { ConsentPurpose, PersonProfileChanges, personDecider, personStreamId } from '../../domain';
import { CommandRunner } from '../../infrastructure/command-runner';
import { PasswordHasher } from '../../infrastructure/passwords';
import { CLOCK, Clock } from '../../infrastructure/tokens';
import { CompanyMembersQuery } from '../../read-models/company-members/company-members.query';
import { PeopleQuery } from '../../read-models/people/people.query';
import { CONSENT_PURPOSE_VALUES, ChangePasswordDto, SetConsentDto, UpdateProfileDto } from './me.dto';

const purposePipe = EnumParam('purpose', CONSENT_PURPOSE_VALUES);

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly people: PeopleQuery,
    private readonly members: CompanyMembersQuery,
    private readonly passwords: PasswordHasher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Your profile, platform roles and consents' })
  me(@CurrentActor() actor: Actor) {
    return this.people.get(actor.personId);
  }

  @Patch()
  @ApiOperation({ summary: 'Update your profile' })
  async update(@Body() dto: UpdateProfileDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta) {
    await this.commands.run(
      personStreamId(actor.personId),
      personDecider,
      { type: 'UpdatePersonProfile', data: { actor, personId: actor.personId, changes: dto as PersonProfileChanges, now: this.clock().toISOString() } },
      { meta, actor: actor.personId, useIfMatch: true },
    );
    return this.people.get(actor.personId);
  }

  @Put('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your password (needs the current one)' })
  async changePassword(@Body() dto: ChangePasswordDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta): Promise<void> {
    const person = await this.commands.load(personStreamId(actor.personId), personDecider);
    const hash = person.state.status === 'registered' ? person.state.passwordHash : undefined;
    if (!(await this.passwords.verify(hash, dto.currentPassword))) throw new UnauthorizedError('current password is wrong');
    await this.commands.run(
      personStreamId(actor.personId),
      personDecider,
      { type: 'ChangePassword', data: { actor, newPasswordHash: await this.passwords.hash(dto.newPassword), now: this.clock().toISOString() } },
      { meta, actor: actor.personId },
    );
  }

  @Get('consents')
  @ApiOperation({ summary: 'Your consent records, by purpose' })
  async consents(@CurrentActor() actor: Actor) {
    return (await this.people.get(actor.personId)).consents;
  }

  @Put('consents/:purpose')
  @ApiParam({ name: 'purpose', enum: CONSENT_PURPOSE_VALUES })
  @ApiOperation({ summary: 'Give or withdraw a consent' })
  async setConsent(@Param('purpose', purposePipe) purpose: ConsentPurpose, @Body() dto: SetConsentDto, @CurrentActor() actor: Actor, @Meta() meta: RequestMeta) {
    const now = this.clock().toISOString();
    await this.commands.run(
      personStreamId(actor.personId),
      personDecider,
      dto.granted
        ? { type: 'GiveConsent', data: { actor, purpose, policyVersion: dto.policyVersion!, now } }
        : { type: 'WithdrawConsent', data: { actor, purpose, now } },
      { meta, actor: actor.personId },
    );
    return (await this.people.get(actor.personId)).consents;
  }

  @Get('companies')
  @ApiOperation({ summary: 'The companies you belong to, with your role' })
  companies(@CurrentActor() actor: Actor, @Query() page: PageQuery) {
    return this.members.companiesOf(actor.personId, page);
  }
}
