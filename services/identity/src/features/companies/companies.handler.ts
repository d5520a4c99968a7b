import { Injectable } from '@nestjs/common';
import { IllegalStateError, NotFoundError, deterministicId, newId } from '@opn/kernel';
import { ActorContext, Commands } from '@opn/service-kit';
import { CompanyProfileChanges, CompanyState, RegisterCompany, companies, companyDecider, sirenClaims } from '../../domain';
import { CompanyView, RegisterCompanyDto, UpdateCompanyDto } from './company.dto';

/** The same shape as the directory read model, built from the aggregate the command just changed. */
export const companyView = (state: CompanyState, revision: number): CompanyView => {
  if (state.status !== 'registered') throw new NotFoundError('company not found');
  const { status: _s, id, members, invitations: _i, ...profile } = state;
  return { ...profile, companyId: id, memberCount: Object.keys(members).length, revision } as CompanyView;
};

@Injectable()
export class CompaniesHandler {
  constructor(private readonly commands: Commands) {}

  /**
   * The SIREN is claimed first (one stream per SIREN keeps it unique), then the company is
   * written. The command is checked before the claim, so bad input never claims a SIREN; a claim
   * left behind by a crash is adopted by the next registration of that SIREN.
   */
  async register(dto: RegisterCompanyDto, ctx: ActorContext): Promise<CompanyView> {
    const command = (companyId: string): RegisterCompany => ({ type: 'RegisterCompany', data: { ...dto, companyId, actor: ctx.actor, now: ctx.now } });
    companyDecider.decide(command('validation-only'), companyDecider.initialState());

    const claim = await this.commands.load(sirenClaims, dto.siren);
    let companyId = ctx.idempotencyKey ? deterministicId('opn.company', ctx.actor.personId, ctx.idempotencyKey) : newId();
    if (claim.state.status === 'claimed') {
      const claimed = await this.commands.load(companies, claim.state.companyId);
      // Adopt a claim left without its company (a crash between the two appends), or our own
      // claim when this is a retry with the same Idempotency-Key.
      if (claimed.state.status === 'unregistered' || claim.state.companyId === companyId) companyId = claim.state.companyId;
    }
    await this.commands.handle(sirenClaims, dto.siren, { type: 'ClaimSiren', data: { siren: dto.siren, companyId, now: ctx.now } }, ctx, { step: 'claim' });
    try {
      const result = await this.commands.handle(companies, companyId, command(companyId), ctx, { step: 'register' });
      return companyView(result.state, result.revision);
    } catch (error) {
      if (error instanceof IllegalStateError) throw new IllegalStateError('a company with this SIREN is already registered');
      throw error;
    }
  }

  async update(companyId: string, dto: UpdateCompanyDto, ctx: ActorContext): Promise<CompanyView> {
    const changes = dto as CompanyProfileChanges;
    const result = await this.commands.handle(companies, companyId, { type: 'UpdateCompanyProfile', data: { actor: ctx.actor, changes, now: ctx.now } }, ctx, { ifMatch: true });
    return companyView(result.state, result.revision);
  }
}
