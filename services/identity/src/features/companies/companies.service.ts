import { Inject, Injectable } from '@nestjs/common';
import { Actor, IllegalStateError, NotFoundError, deterministicId, newId } from '@opn/kernel';
import { RequestMeta } from '@opn/service-kit';
import { CompanyProfileChanges, CompanyState, RegisterCompany, companyDecider, companyStreamId, sirenClaimDecider, sirenClaimStreamId } from '../../domain';
import { CommandRunner } from '../../infrastructure/command-runner';
import { CLOCK, Clock } from '../../infrastructure/tokens';
import { CompanyView, RegisterCompanyDto, UpdateCompanyDto } from './company.dto';

/** The same shape as the directory read model, built from the aggregate the command just changed. */
export const companyView = (state: CompanyState, revision: number): CompanyView => {
  if (state.status !== 'registered') throw new NotFoundError('company not found');
  const { status: _s, id, members, invitations: _i, ...profile } = state;
  return { ...profile, companyId: id, memberCount: Object.keys(members).length, revision } as CompanyView;
};

@Injectable()
export class CompaniesService {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The SIREN is claimed first (one stream per SIREN keeps it unique), then the company is
   * written. The command is checked before the claim, so bad input never claims a SIREN; a claim
   * left behind by a crash is adopted by the next registration of that SIREN.
   */
  async register(dto: RegisterCompanyDto, actor: Actor, meta: RequestMeta): Promise<CompanyView> {
    const now = this.clock().toISOString();
    const command = (companyId: string): RegisterCompany => ({ type: 'RegisterCompany', data: { ...dto, companyId, actor, now } });
    companyDecider.decide(command('validation-only'), companyDecider.initialState());

    const claimStream = sirenClaimStreamId(dto.siren);
    const claim = await this.commands.load(claimStream, sirenClaimDecider);
    let companyId = meta.idempotencyKey ? deterministicId('opn.company', actor.personId, meta.idempotencyKey) : newId();
    if (claim.state.status === 'claimed') {
      const claimed = await this.commands.load(companyStreamId(claim.state.companyId), companyDecider);
      // Adopt a claim left without its company (a crash between the two appends), or our own
      // claim when this is a retry with the same Idempotency-Key.
      if (claimed.state.status === 'unregistered' || claim.state.companyId === companyId) companyId = claim.state.companyId;
    }
    await this.commands.run(claimStream, sirenClaimDecider, { type: 'ClaimSiren', data: { siren: dto.siren, companyId, now } }, { meta, step: 'claim', actor: actor.personId });
    try {
      const result = await this.commands.run(companyStreamId(companyId), companyDecider, command(companyId), { meta, step: 'register', actor: actor.personId });
      return companyView(result.state, result.revision);
    } catch (error) {
      if (error instanceof IllegalStateError) throw new IllegalStateError('a company with this SIREN is already registered');
      throw error;
    }
  }

  async update(companyId: string, dto: UpdateCompanyDto, actor: Actor, meta: RequestMeta): Promise<CompanyView> {
    const now = this.clock().toISOString();
    const result = await this.commands.run(
      companyStreamId(companyId),
      companyDecider,
      { type: 'UpdateCompanyProfile', data: { actor, changes: dto as CompanyProfileChanges, now } },
      { meta, actor: actor.personId, useIfMatch: true },
    );
    return companyView(result.state, result.revision);
  }
}
