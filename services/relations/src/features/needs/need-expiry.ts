import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SYSTEM_ACTOR, dateOf } from '@opn/kernel';
import { CLOCK, Commands, SERVICE_CONFIG } from '@opn/service-kit';
import { randomUUID } from 'node:crypto';
import { needs } from '../../domain';
import { NeedIndex } from '../../read-models/needs/needs.projection';
import type { RelationsConfig } from '../../relations.service';

/** The open needs whose deadline (their last day) is before `today` (YYYY-MM-DD). */
export const needsToExpire = (all: Iterable<{ needId: string; status: string; deadline: string }>, today: string): string[] =>
  [...all].filter((n) => n.status === 'open' && n.deadline < today).map((n) => n.needId);

/**
 * Closes open needs as expired once their deadline has passed: every NEED_EXPIRY_INTERVAL_SECONDS,
 * and once at start-up as soon as the memory index has replayed the log. Runs as the platform;
 * an error is logged and the next round retries (the decider makes a second expiry a no-op).
 */
@Injectable()
export class NeedExpiry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NeedExpiry');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly commands: Commands,
    private readonly index: NeedIndex,
    @Inject(SERVICE_CONFIG) private readonly config: RelationsConfig,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  onApplicationBootstrap(): void {
    void this.index.ready.then(() => {
      if (this.stopped) return;
      void this.tick();
      this.timer = setInterval(() => void this.tick(), this.config.needExpiryIntervalSeconds * 1000);
      this.timer.unref();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One round (also callable from tests); never throws. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.expire().finally(() => (this.running = undefined));
    return this.running;
  }

  private async expire(): Promise<void> {
    try {
      const now = this.clock().toISOString();
      for (const needId of needsToExpire(this.index.values(), dateOf(now))) {
        if (this.stopped) return;
        try {
          await this.commands.handle(needs, needId, { type: 'ExpireNeed', data: { now } }, { now, correlationId: randomUUID(), actor: SYSTEM_ACTOR });
        } catch (error) {
          this.logger.error(`could not expire need ${needId}: ${(error as Error).message}`);
        }
      }
    } catch (error) {
      this.logger.error(`need expiry round failed: ${(error as Error).message}`);
    }
  }
}
