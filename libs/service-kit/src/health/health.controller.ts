import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@opn/auth';
import { EventStore } from '@opn/kernel';
import { KafkaRelay } from '@opn/messaging';
import { LocalProjectionRunner } from '@opn/projections';
import type { Response } from 'express';
import type { Connection } from 'mongoose';
import { IntegrationEventsHost } from '../integration/integration-events.host';
import { EVENT_STORE, MONGO } from '../tokens';
import { HealthCheck, HealthReport, runHealthChecks } from './health';

/** A failure this recent, with work still waiting, counts as a degradation. */
const RECENT_MS = 15000;
const recent = (at?: string) => at !== undefined && Date.now() - Date.parse(at) < RECENT_MS;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MONGO) private readonly mongo: Connection,
    private readonly projections: LocalProjectionRunner,
    private readonly inbound: IntegrationEventsHost,
    @Optional() private readonly relay?: KafkaRelay,
  ) {}

  /** Liveness: the process answers (no dependency checked). */
  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up' })
  live() {
    return { status: 'ok' };
  }

  /**
   * Readiness and degradation: 200 with ok or degraded (Kafka or MongoDB unavailable: commands
   * still work, the relay and read models catch up later), 503 when the event store fails.
   */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Readiness and degradation of the event store, MongoDB, the Kafka relay and the projections' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await runHealthChecks(this.checks());
    if (report.status === 'down') res.status(503);
    return report;
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness (same report as /health): 503 only when commands cannot be accepted' })
  ready(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    return this.health(res);
  }

  private checks(): HealthCheck[] {
    const checks: HealthCheck[] = [
      {
        name: 'eventStore',
        check: async () => {
          try {
            await this.store.ping();
            return { state: 'ok', details: { kind: this.store.kind, head: await this.store.headPosition() } };
          } catch (e) {
            return { state: 'down', details: { error: String(e) } };
          }
        },
      },
      {
        name: 'mongodb',
        check: async () => {
          if (this.mongo.readyState !== 1 || !this.mongo.db) return { state: 'degraded', details: { readyState: this.mongo.readyState } };
          await this.mongo.db.admin().ping();
          return { state: 'ok' };
        },
      },
      {
        name: 'projections',
        check: async () => {
          const head = await this.store.headPosition();
          const list = this.projections.status().map((p) => ({ ...p, lag: head - p.position }));
          return { state: list.some((p) => p.lag > 0 && recent(p.lastErrorAt)) ? 'degraded' : 'ok', details: { projections: list } };
        },
      },
    ];
    const { handlers, readModels } = this.inbound.status();
    if (handlers || readModels) {
      checks.push({
        name: 'kafkaConsumers',
        check: async () => {
          // Kafka unreachable makes lag() throw: the check then reports degraded with the error.
          const lag = await this.inbound.lag();
          const stopped = [handlers, readModels].some((c) => c && !c.running);
          return { state: stopped ? 'degraded' : 'ok', details: { handlers, readModels, lag: lag.map((g) => ({ groupId: g.groupId, total: g.total })) } };
        },
      });
    }
    const relay = this.relay;
    if (relay) {
      checks.push({
        name: 'kafkaRelay',
        check: async () => {
          const s = await relay.status();
          const lag = s.head - s.position;
          return { state: recent(s.lastErrorAt) && lag > 0 ? 'degraded' : 'ok', details: { ...s, lag } };
        },
      });
    }
    return checks;
  }
}
