import { Inject, Injectable } from '@nestjs/common';
import { dateOf } from '@opn/kernel';
import { CLOCK, Commands, DueCommand, SERVICE_CONFIG, SystemRounds } from '@opn/service-kit';
import { needs } from '../../domain';
import { NeedIndex } from '../../read-models/needs/needs.projection';
import type { RelationsConfig } from '../../relations.service';

/** The open needs whose deadline (their last day) is before `today` (YYYY-MM-DD). */
export const needsToExpire = (all: Iterable<{ needId: string; status: string; deadline: string }>, today: string): string[] =>
  [...all].filter((n) => n.status === 'open' && n.deadline < today).map((n) => n.needId);

/**
 * Closes open needs as expired once their deadline has passed: every NEED_EXPIRY_INTERVAL_SECONDS,
 * and once at start-up as soon as the memory index has replayed the log (the decider makes a
 * second expiry a no-op).
 */
@Injectable()
export class NeedExpiry extends SystemRounds {
  constructor(
    commands: Commands,
    private readonly index: NeedIndex,
    @Inject(SERVICE_CONFIG) private readonly config: RelationsConfig,
    @Inject(CLOCK) clock: () => Date,
  ) {
    super(commands, clock, 'NeedExpiry');
  }

  protected ready() {
    return this.index.ready;
  }

  protected intervalSeconds() {
    return this.config.needExpiryIntervalSeconds;
  }

  protected due(now: string): DueCommand[] {
    return needsToExpire(this.index.values(), dateOf(now)).map((needId) => ({ handler: needs, id: needId, command: { type: 'ExpireNeed', data: { now } }, what: `expire need ${needId}` }));
  }
}
