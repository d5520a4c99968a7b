import { Decider, IllegalStateError, assertNever, email, instant, keyedHash, normaliseEmail, requiredToken, streamName, validateFields } from '@opn/kernel';
import { ClaimEmail, EmailClaimCommand, ReleaseEmail } from './email-claim.commands';
import { EmailClaimEvent } from './email-claim.events';

/**
 * One stream per email makes emails unique without a read model: the append to a new stream
 * fails on a concurrent claim, and an existing stream refuses the claim.
 */
export type EmailClaimState =
  | { status: 'unclaimed' }
  | { status: 'claimed'; email: string; personId: string; claimedAt: string };

/**
 * `email-<HMAC-SHA256 hex of the normalised email under the service's stream-id secret>`: the
 * address stays out of stream names, and, unlike a plain hash, nobody without the secret can
 * confirm a guessed address from a stream name.
 */
export const emailClaimStreamId = (rawEmail: string, secret: Buffer | string): string =>
  streamName('email', keyedHash(secret, normaliseEmail(rawEmail)));

export const initialState = (): EmailClaimState => ({ status: 'unclaimed' });

export function evolve(state: EmailClaimState, event: EmailClaimEvent): EmailClaimState {
  switch (event.type) {
    case 'EmailClaimed':
      return { status: 'claimed', ...event.data };
    case 'EmailReleased':
      return { status: 'unclaimed' };
    default:
      return assertNever(event);
  }
}

export function decide(command: EmailClaimCommand, state: EmailClaimState): EmailClaimEvent[] {
  switch (command.type) {
    case 'ClaimEmail':
      return claimEmail(command, state);
    case 'ReleaseEmail':
      return releaseEmail(command, state);
    default:
      return assertNever(command);
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

/** Only the holder's claim is released; anything else (already free, someone else's) is a no-op. */
function releaseEmail({ data }: ReleaseEmail, state: EmailClaimState): EmailClaimEvent[] {
  const now = instant(data.now, 'now');
  if (state.status !== 'claimed' || state.personId !== data.personId) return [];
  return [{ type: 'EmailReleased', data: { personId: data.personId, releasedAt: now } }];
}

export const emailClaimDecider: Decider<EmailClaimState, EmailClaimCommand, EmailClaimEvent> = {
  initialState,
  evolve,
  decide,
};
