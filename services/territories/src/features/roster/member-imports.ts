import { NotFoundError, ValidationError } from '@opn/kernel';
import { ActorContext, Commands, SERVICE_CONFIG } from '@opn/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { parseMemberCsv, territories, territoryDecider } from '../../domain';
import type { TerritoriesConfig } from '../../territories.service';

export type ImportState = 'checking' | 'writing' | 'done' | 'failed';

/** An import as its progress endpoint shows it. */
export interface ImportJob {
  importId: string;
  territoryId: string;
  dryRun: boolean;
  state: ImportState;
  /** Rows of the file and rows checked so far (the progress bar). */
  rows: { total: number; checked: number };
  /** Every bad row with its line; any of them means nothing was written. */
  errors: Array<{ line: number; reason: string }>;
  /** What the import adds, updates and leaves as it is (a dry run: what it would). */
  changes?: { added: number; updated: number; unchanged: number };
  /** Events appended (0 for a dry run, and for a re-import of the same file). */
  written?: number;
  startedAt: string;
  finishedAt?: string;
}

const KEEP_JOBS = 200;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Bulk import of a member list (ADR 0013): every row is checked first (a dry run stops there and
 * reports every bad row with its line), then the rows become one command on the territory, so the
 * whole list is ONE atomic append: all rows or none. The decider writes only what differs from the
 * roster, so importing the same file again writes nothing. Jobs are kept in memory for their
 * progress; what an import did is in the territory's log (`importId` on each event).
 */
@Injectable()
export class MemberImports {
  private readonly jobs = new Map<string, ImportJob>();

  constructor(
    private readonly commands: Commands,
    @Inject(SERVICE_CONFIG) private readonly config: TerritoriesConfig,
  ) {}

  get(territoryId: string, importId: string): ImportJob {
    const job = this.jobs.get(importId);
    if (!job || job.territoryId !== territoryId) throw new NotFoundError('import not found');
    return job;
  }

  /**
   * Starts an import and returns its job. A dry run completes before it answers; a real import
   * answers at once (202) and goes on, its progress at `GET .../imports/{importId}`.
   */
  async start(territoryId: string, importId: string, csv: string, dryRun: boolean, ctx: ActorContext): Promise<ImportJob> {
    if (Buffer.byteLength(csv, 'utf8') > this.config.importMaxBytes) {
      throw new ValidationError('the member list is too large', [{ field: 'csv', message: `must be at most ${this.config.importMaxBytes} bytes` }]);
    }
    const existing = this.jobs.get(importId);
    if (existing && existing.territoryId === territoryId && !dryRun) return existing; // a retried request (same Idempotency-Key)
    const job: ImportJob = { importId, territoryId, dryRun, state: 'checking', rows: { total: 0, checked: 0 }, errors: [], startedAt: ctx.now };
    this.remember(job);
    const run = this.run(job, csv, ctx).catch((error: unknown) => {
      job.state = 'failed';
      job.errors.push({ line: 0, reason: error instanceof Error ? error.message : String(error) });
      job.finishedAt = new Date().toISOString();
    });
    if (dryRun) await run;
    return job;
  }

  private remember(job: ImportJob) {
    this.jobs.set(job.importId, job);
    while (this.jobs.size > KEEP_JOBS) this.jobs.delete(this.jobs.keys().next().value!);
  }

  private async run(job: ImportJob, csv: string, ctx: ActorContext): Promise<void> {
    const parsed = parseMemberCsv(csv);
    job.rows = { total: parsed.total, checked: parsed.total };
    job.errors.push(...parsed.errors);
    await yieldToLoop();
    const command = { type: 'ImportMembers' as const, data: { importId: job.importId, rows: parsed.rows, by: ctx.actor.personId, now: ctx.now } };
    // What the decider would write, against the roster as the log has it now: the dry run's figures are the real import's.
    const state = await this.commands.load(territories, job.territoryId);
    const decided = job.errors.length === 0 ? territoryDecider.decide(command, state.state) : [];
    const events = Array.isArray(decided) ? decided : [decided];
    const added = events.filter((e) => e.type === 'MemberImported').length;
    const updated = events.filter((e) => e.type === 'MemberDetailsUpdated').length;
    job.changes = { added, updated, unchanged: parsed.rows.length - added - updated };
    if (job.errors.length > 0 || job.dryRun) {
      job.state = job.errors.length > 0 ? 'failed' : 'done';
      job.written = 0;
      job.finishedAt = new Date().toISOString();
      return;
    }
    job.state = 'writing';
    const result = await this.commands.handle(territories, job.territoryId, command, ctx);
    job.written = result.events.length;
    job.state = 'done';
    job.finishedAt = new Date().toISOString();
  }
}
