import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Commands, DueCommand, SERVICE_CONFIG, SystemRounds } from '@opn/service-kit';
import { deterministicId } from '@opn/kernel';
import { CollectiveCommand, collectives, currentLeaders, fullMembers, openElection } from '../../domain';
import type { CollectivesConfig } from '../../collectives.service';
import { CollectiveIndex, CollectiveView } from '../../read-models/collectives/collectives.projection';

const GATHERING = new Set(['forming', 'active', 'delivering']);

export interface StewardPolicy {
  /** Voting time of the elections the platform calls when the leaders' terms have ended. */
  electionDays: number;
  /** A dissolving collective is archived this many days after it dissolved. */
  archiveAfterDays: number;
}

const DAY = 86_400_000;

/**
 * What the platform has to do at `now`: count elections whose voting ended; call one (with
 * `electionDays` of voting) in an elected collective whose leaders' terms have all ended; pass
 * the lead of rotating collectives nobody leads; archive collectives dissolving for
 * `archiveAfterDays`.
 */
export function dueWork(all: Iterable<CollectiveView>, now: string, policy: StewardPolicy): Array<{ collectiveId: string; command: CollectiveCommand }> {
  const work: Array<{ collectiveId: string; command: CollectiveCommand }> = [];
  const at = Date.parse(now);
  for (const c of all) {
    if (c.status === 'dissolving') {
      const dissolvedAt = [...c.lifecycle].reverse().find((l) => l.status === 'dissolving')?.at;
      if (dissolvedAt && Date.parse(dissolvedAt) + policy.archiveAfterDays * DAY <= at) work.push({ collectiveId: c.collectiveId, command: { type: 'Archive', data: { by: 'system', now } } });
      continue;
    }
    if (!GATHERING.has(c.status)) continue;
    const open = openElection(c);
    if (open && open.closesAt <= now) work.push({ collectiveId: c.collectiveId, command: { type: 'CloseElection', data: { electionId: open.electionId, by: 'system', now } } });
    const nobodyLeads = fullMembers(c).length > 0 && currentLeaders(c, now).length === 0;
    if (c.governance.mode === 'rotation' && nobodyLeads) work.push({ collectiveId: c.collectiveId, command: { type: 'RotateLeadership', data: { by: 'system', now } } });
    // Terms that ended: the leaders of the last count, none of them leading any more, and no election open.
    const termsEnded = Object.values(c.members).filter((m) => m.role === 'leader' && m.termEnds !== undefined);
    if (c.governance.mode === 'election' && nobodyLeads && !open && termsEnded.length > 0) {
      const lastTerm = termsEnded.map((m) => m.termEnds!).sort()[termsEnded.length - 1];
      work.push({
        collectiveId: c.collectiveId,
        // One id per ended term: a round that retries after a crash lands on the same election.
        command: { type: 'CallElection', data: { electionId: deterministicId('opn.collectives.term-election', c.collectiveId, lastTerm), closesAt: new Date(at + policy.electionDays * DAY).toISOString(), by: 'system', now } },
      });
    }
  }
  return work;
}

/**
 * The platform's part of a collective's life: every COLLECTIVES_STEWARD_INTERVAL_SECONDS (and
 * once at start-up when the collectives have replayed) it sends `dueWork` as `system`: counts,
 * elections when terms end, rotations and archiving (the decider refuses anything not due).
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
    return dueWork(this.index.values(), now, { electionDays: this.config.termElectionDays, archiveAfterDays: this.config.archiveAfterDays }).map(({ collectiveId, command }) => ({ handler: collectives, id: collectiveId, command, what: `${command.type} on collective ${collectiveId}` }));
  }
}
