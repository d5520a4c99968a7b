import { Decider, IllegalStateError, assertNever, instant, normaliseSiren, requiredToken, siren, streamName, validateFields } from '@opn/kernel';
import { ClaimSiren, SirenClaimCommand } from './siren-claim.commands';
import { SirenClaimEvent } from './siren-claim.events';

/** One stream per SIREN: at most one company per legal unit. */
export type SirenClaimState =
  | { status: 'unclaimed' }
  | { status: 'claimed'; siren: string; companyId: string; claimedAt: string };

/** `siren-<9 digits>` */
export const sirenClaimStreamId = (rawSiren: string): string => streamName('siren', normaliseSiren(rawSiren));

export const initialState = (): SirenClaimState => ({ status: 'unclaimed' });

export function evolve(state: SirenClaimState, event: SirenClaimEvent): SirenClaimState {
  switch (event.type) {
    case 'SirenClaimed':
      return { status: 'claimed', ...event.data };
    default:
      return assertNever(event.type);
  }
}

export function decide(command: SirenClaimCommand, state: SirenClaimState): SirenClaimEvent[] {
  switch (command.type) {
    case 'ClaimSiren':
      return claimSiren(command, state);
    default:
      return assertNever(command.type);
  }
}

function claimSiren({ data }: ClaimSiren, state: SirenClaimState): SirenClaimEvent[] {
  const v = validateFields({
    siren: () => siren(data.siren),
    companyId: () => requiredToken(data.companyId, 'companyId'),
    now: () => instant(data.now, 'now'),
  });
  if (state.status === 'claimed') {
    // A retry by the same company is a no-op.
    if (state.companyId === v.companyId) return [];
    throw new IllegalStateError('a company with this SIREN is already registered');
  }
  return [{ type: 'SirenClaimed', data: { siren: v.siren, companyId: v.companyId, claimedAt: v.now } }];
}

export const sirenClaimDecider: Decider<SirenClaimState, SirenClaimCommand, SirenClaimEvent> = {
  initialState,
  evolve,
  decide,
};
