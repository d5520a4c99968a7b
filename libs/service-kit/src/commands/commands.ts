import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, DomainEvent, EventStore, HandleResult } from '@opn/kernel';
import { LocalProjectionRunner } from '@opn/projections';
import type { KitConfig } from '../config/kit-config';
import { EVENT_STORE, SERVICE_CONFIG } from '../tokens';
import type { CommandContext } from './command-context';

export interface HandleCommandOptions {
  /** Check the client's If-Match revision (only on the aggregate the request addresses). */
  ifMatch?: boolean;
  /** Scopes the request's idempotency key to one step of a use case that writes several streams. */
  step?: string;
}

/**
 * The application side of every command: the bound handler (decider + stream naming), the
 * context's metadata (correlation, actor, idempotency key scoped to actor and step, If-Match),
 * then a bounded wait until the service's own read models include the result, so a GET right
 * after a command sees it. If MongoDB is down the command still succeeds.
 */
@Injectable()
export class Commands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: LocalProjectionRunner,
    @Inject(SERVICE_CONFIG) private readonly config: KitConfig,
  ) {}

  async handle<S, C, E extends DomainEvent>(
    handler: CommandHandler<S, C, E>,
    id: string,
    command: C,
    ctx: CommandContext,
    options: HandleCommandOptions = {},
  ): Promise<HandleResult<S, E>> {
    const actor = ctx.actor?.personId;
    const result = await handler.handle(this.store, id, command, {
      idempotencyKey: ctx.idempotencyKey ? [actor ?? 'anonymous', options.step ?? 'main', ctx.idempotencyKey].join(':') : undefined,
      expectedRevision: options.ifMatch ? ctx.expectedRevision : undefined,
      metadata: { correlationId: ctx.correlationId, causationId: ctx.causationId, actor },
    });
    const last = result.events[result.events.length - 1];
    if (last) await this.projections.waitFor(last.position, this.config.readYourWritesMs, [...new Set(result.events.map((e) => e.type))]);
    return result;
  }

  /** The aggregate's current state, for checks before a command (claims, passwords). */
  load<S, C, E extends DomainEvent>(handler: CommandHandler<S, C, E>, id: string) {
    return handler.load(this.store, id);
  }
}
