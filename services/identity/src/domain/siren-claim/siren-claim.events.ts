import { DomainEvent } from '@opn/kernel';

export type SirenClaimed = DomainEvent<'SirenClaimed', { siren: string; companyId: string; claimedAt: string }>;

export type SirenClaimEvent = SirenClaimed;
