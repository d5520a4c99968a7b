import { Inject, Injectable } from '@nestjs/common';
import { Decider, DomainEvent, EventStore, HandleResult, handleCommand, loadAggregate } from '@opn/kernel';
import { LocalProjectionRunner } from '@opn/projections';
import { RequestMeta } from '@opn/service-kit';
import { CONFIG, EVENT_STORE } from './tokens';
import type { IdentityConfig } from '../config';

export interface RunOptions {
  meta?: RequestMeta;
  actor?: string;
  /** Scopes the request's idempotency key to one step of a multi-stream use case. */
  step?: string;
  /** Send the client's If-Match revision (only for the aggregate the client addressed). */
  useIfMatch?: boolean;
}

/**
 * handleCommand with the request's metadata (correlation id, actor, idempotency key scoped to the
 * actor and step), then a bounded wait until this service's own read models include the result,
 * so a GET right after a command sees it. If MongoDB is down the command still succeeds.
 */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: LocalProjectionRunner,
    @Inject(CONFIG) private readonly config: IdentityConfig,
  ) {}

  async run<S, C, E extends DomainEvent>(streamId: string, decider: Decider<S, C, E>, command: C, options: RunOptions = {}): Promise<HandleResult<S, E>> {
    const { meta } = options;
    const key = meta?.idempotencyKey ? [options.actor ?? 'anonymous', options.step ?? 'main', meta.idempotencyKey].join(':') : undefined;
    const result = await handleCommand(this.store, streamId, decider, command, {
      idempotencyKey: key,
      expectedRevision: options.useIfMatch ? meta?.expectedRevision : undefined,
      metadata: { correlationId: meta?.correlationId, actor: options.actor },
    });
    const last = result.events[result.events.length - 1];
    if (last) await this.projections.waitFor(last.position, this.config.readYourWritesMs);
    return result;
  }

  load<S, E extends DomainEvent>(streamId: string, decider: Pick<Decider<S, unknown, E>, 'evolve' | 'initialState'>) {
    return loadAggregate(this.store, streamId, decider);
  }
}
