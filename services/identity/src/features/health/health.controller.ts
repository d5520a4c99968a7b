import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@opn/auth';
import { EventStore } from '@opn/kernel';
import { KafkaRelay } from '@opn/messaging';
import { HealthReport, runHealthChecks } from '@opn/service-kit';
import { LocalProjectionRunner } from '@opn/projections';
import type { Response } from 'express';
import type { Connection } from 'mongoose';
import { EVENT_STORE, MONGO } from '../../infrastructure/tokens';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MONGO) private readonly mongo: Connection,
    private readonly relay: KafkaRelay,
    private readonly projections: LocalProjectionRunner,
  ) {}

  /**
   * 200 with status ok or degraded (Kafka or MongoDB unavailable: commands still work, the relay and
   * read models catch up later), 503 when the event store itself fails (commands cannot be accepted).
   */
  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and degradation of the event store, MongoDB, the Kafka relay and the projections' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const report = await runHealthChecks([
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
        name: 'kafkaRelay',
        check: async () => {
          const s = await this.relay.status();
          const lag = s.head - s.position;
          const failing = s.lastErrorAt !== undefined && Date.now() - Date.parse(s.lastErrorAt) < 15000;
          return { state: failing && lag > 0 ? 'degraded' : 'ok', details: { ...s, lag } };
        },
      },
      {
        name: 'projections',
        check: async () => {
          const head = await this.store.headPosition();
          const list = this.projections.status().map((p) => ({ ...p, lag: head - p.position }));
          const failing = list.some((p) => p.lag > 0 && p.lastErrorAt && Date.now() - Date.parse(p.lastErrorAt) < 15000);
          return { state: failing ? 'degraded' : 'ok', details: { projections: list } };
        },
      },
    ]);
    if (report.status === 'down') res.status(503);
    return report;
  }
}
