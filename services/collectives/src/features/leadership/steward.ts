import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@opn/kernel';
import { CLOCK, Commands, SERVICE_CONFIG } from '@opn/service-kit';
import { randomUUID } from 'node:crypto';
import { CollectiveCommand, collectives, currentLeaders, fullMembers } from '../../domain';
import type { CollectivesConfig } from '../../collectives.service';
import { CollectiveIndex, CollectiveView } from '../../read-models/collectives/collectives.projection';

const GATHERING = new Set(['forming', 'active', 'delivering']);

/** What the platform has to do at `now`: count elections whose voting ended, pass the lead of rotating collectives nobody leads. */
export function dueWork(all: Iterable<CollectiveView>, now: string): Array<{ collectiveId: string; command: CollectiveCommand }> {
  const work: Array<{ collectiveId: string; command: CollectiveCommand }> = [];
  for (const c of all) {
    if (!GATHERING.has(c.status)) continue;
    for (const e of Object.values(c.elections)) {
      if (e.open && e.closesAt <= now) work.push({ collectiveId: c.collectiveId, command: { type: 'CloseElection', data: { electionId: e.electionId, by: 'system', now } } });
    }
    if (c.governance.mode === 'rotation' && fullMembers(c).length > 0 && currentLeaders(c, now).length === 0) {
      work.push({ collectiveId: c.collectiveId, command: { type: 'RotateLeadership', data: { by: 'system', now } } });
    }
  }
  return work;
}

/**
 * The platform's part of leadership: every COLLECTIVES_STEWARD_INTERVAL_SECONDS (and once at
 * start-up when the collectives have replayed), counts the votes of elections whose time is up
 * and passes the lead of rotating collectives whose turn ended. Runs as `system`; an error is
 * logged and the next round retries (the decider refuses a second count or an early rotation).
 */
@Injectable()
export class Steward implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Steward');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly commands: Commands,
    private readonly index: CollectiveIndex,
    @Inject(SERVICE_CONFIG) private readonly config: CollectivesConfig,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  onApplicationBootstrap(): void {
    void this.index.ready.then(() => {
      if (this.stopped) return;
      void this.tick();
      this.timer = setInterval(() => void this.tick(), this.config.stewardIntervalSeconds * 1000);
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
    this.running = this.round().finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(): Promise<void> {
    const now = this.clock().toISOString();
    for (const { collectiveId, command } of dueWork(this.index.values(), now)) {
      if (this.stopped) return;
      try {
        await this.commands.handle(collectives, collectiveId, command, { now, correlationId: randomUUID(), actor: SYSTEM_ACTOR });
      } catch (error) {
        this.logger.warn(`${command.type} on collective ${collectiveId} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
