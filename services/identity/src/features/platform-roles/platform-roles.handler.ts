import { Injectable } from '@nestjs/common';
import { NotFoundError, PlatformRole, isPlatformAdmin } from '@opn/kernel';
import { ActorContext, Commands } from '@opn/service-kit';
import { people } from '../../domain';
import { CompanyMembersQuery } from '../../read-models/company-members/company-members.query';
import { PeopleQuery } from '../../read-models/people/people.query';

@Injectable()
export class PlatformRolesHandler {
  constructor(
    private readonly commands: Commands,
    private readonly people: PeopleQuery,
    private readonly members: CompanyMembersQuery,
  ) {}

  /** Visible to themself, to people of a shared company, to platform admins, or to all with the directory consent. */
  async profile(personId: string, ctx: ActorContext) {
    const person = await this.people.get(personId);
    const visible =
      personId === ctx.actor.personId ||
      isPlatformAdmin(ctx.actor) ||
      person.consents.directory_listing?.granted === true ||
      (await this.members.shareACompany(ctx.actor.personId, personId));
    if (!visible) throw new NotFoundError('person not found');
    return { personId, displayName: person.displayName, headline: person.headline, locale: person.locale, platformRoles: person.platformRoles };
  }

  async grant(personId: string, role: PlatformRole, ctx: ActorContext): Promise<void> {
    await this.commands.handle(people, personId, { type: 'GrantPlatformRole', data: { actor: ctx.actor, role, now: ctx.now } }, ctx);
  }

  async revoke(personId: string, role: PlatformRole, ctx: ActorContext): Promise<void> {
    await this.commands.handle(people, personId, { type: 'RevokePlatformRole', data: { actor: ctx.actor, role, now: ctx.now } }, ctx);
  }
}
