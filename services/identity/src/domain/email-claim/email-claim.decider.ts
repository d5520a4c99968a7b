import { createHash } from 'node:crypto';
import { Decider, IllegalStateError, assertNever, email, instant, normaliseEmail, requiredToken, streamName, validateFields } from '@opn/kernel';
import { ClaimEmail, EmailClaimCommand } from './email-claim.commands';
import { EmailClaimEvent } from './email-claim.events';

/**
 * One stream per email makes emails unique without a read model: the append to a new stream
 * fails on a concurrent claim, and an existing stream refuses the claim.
 */
export type EmailClaimState =
  | { status: 'unclaimed' }
  | { status: 'claimed'; email: string; personId: string; claimedAt: string };

/** `email-<sha256 hex of the normalised email>`: the address itself stays out of stream names. */
export const emailClaimStreamId = (rawEmail: string): string =>
  streamName('email', createHash('sha256').update(normaliseEmail(rawEmail), 'utf8').digest('hex'));

export const initialState = (): EmailClaimState => ({ status: 'unclaimed' });

export function evolve(state: EmailClaimState, event: EmailClaimEvent): EmailClaimState {
  switch (event.type) {
    case 'EmailClaimed':
      return { status: 'claimed', ...event.data };
    default:
      return assertNever(event.type);
  }
}

export function decide(command: EmailClaimCommand, state: EmailClaimState): EmailClaimEvent[] {
  switch (command.type) {
    case 'ClaimEmail':
      return claimEmail(command, state);
    default:
      return assertNever(command.type);
  }
}

function claimEmail({ data }: ClaimEmail, state: EmailClaimState): EmailClaimEvent[] {
  const v = validateFields({
    email: () => email(data.email),
    personId: () => requiredToken(data.personId, 'personId'),
    now: () => instant(data.now, 'now'),
  });
  if (state.status === 'claimed') {
    // A retry by the same person (e.g. after a crash before the person stream was written) is a no-op.
    if (state.personId === v.personId) return [];
    throw new IllegalStateError('email already registered');
  }
  return [{ type: 'EmailClaimed', data: { email: v.email, personId: v.personId, claimedAt: v.now } }];
}

export const emailClaimDecider: Decider<EmailClaimState, EmailClaimCommand, EmailClaimEvent> = {
  initialState,
  evolve,
  decide,
};
