import { DomainEvent } from '@opn/kernel';

export type EmailClaimed = DomainEvent<'EmailClaimed', { email: string; personId: string; claimedAt: string }>;

export type EmailReleased = DomainEvent<'EmailReleased', { personId: string; releasedAt: string }>;

export type EmailClaimEvent = EmailClaimed | EmailReleased;
