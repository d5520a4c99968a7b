import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Commands, DueCommand, SERVICE_CONFIG, SystemRounds } from '@opn/service-kit';
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
 * and passes the lead of rotating collectives whose turn ended, as `system` (the decider refuses
 * a second count or an early rotation).
 */
@Injectable()
export class Steward extends SystemRounds {
  constructor(
    commands: Commands,
    private readonly index: CollectiveIndex,
    @Inject(SERVICE_CONFIG) private readonly config: CollectivesConfig,
    @Inject(CLOCK) clock: () => Date,
  ) {
    super(commands, clock, 'Steward');
  }

  protected ready() {
    return this.index.ready;
  }

  protected intervalSeconds() {
    return this.config.stewardIntervalSeconds;
  }

  protected due(now: string): DueCommand[] {
    return dueWork(this.index.values(), now).map(({ collectiveId, command }) => ({ handler: collectives, id: collectiveId, command, what: `${command.type} on collective ${collectiveId}` }));
  }
}
