import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Commands, DueCommand, SERVICE_CONFIG, SystemRounds } from '@opn/service-kit';
import { introductionExpired, introductions } from '../../domain';
import { IntroductionIndex, IntroductionView } from '../../read-models/introductions/introductions.projection';
import type { RecommendationsConfig } from '../../recommendations.service';

/** The pending introductions nobody answered for `afterDays` since their last step, at `now`. */
export const introductionsToExpire = (all: Iterable<Pick<IntroductionView, 'introductionId' | 'status' | 'updatedAt'>>, now: string, afterDays: number): string[] =>
  [...all].filter((v) => v.status === 'pending' && introductionExpired(v.updatedAt, now, afterDays)).map((v) => v.introductionId);

/**
 * Expires the introductions nobody answered for RECOMMENDATIONS_INTRODUCTION_EXPIRY_DAYS: every
 * RECOMMENDATIONS_EXPIRY_INTERVAL_SECONDS, and once at start-up when the introductions have
 * replayed (the decider makes a second expiry a no-op).
 */
@Injectable()
export class IntroductionExpiry extends SystemRounds {
  constructor(
    commands: Commands,
    private readonly index: IntroductionIndex,
    @Inject(SERVICE_CONFIG) private readonly config: RecommendationsConfig,
    @Inject(CLOCK) clock: () => Date,
  ) {
    super(commands, clock, 'IntroductionExpiry');
  }

  protected ready() {
    return this.index.ready;
  }

  protected intervalSeconds() {
    return this.config.expiryIntervalSeconds;
  }

  protected due(now: string): DueCommand[] {
    const afterDays = this.config.introductionExpiryDays;
    return introductionsToExpire(this.index.values(), now, afterDays).map((id) => ({
      handler: introductions,
      id,
      command: { type: 'ExpireIntroduction', data: { afterDays, now } },
      what: `expire introduction ${id}`,
    }));
  }
}
