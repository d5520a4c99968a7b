import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { AuthenticatedActor } from '@opn/auth';
import { Actor, UnauthorizedError } from '@opn/kernel';
import type { Request } from 'express';
import { readRequestMeta } from '../request-meta';

/**
 * Everything a command carries besides its own data, built once per request (or per consumed
 * event): who, when, which correlation, and the client's retry and concurrency guards.
 */
export interface CommandContext {
  /** ISO instant the request was received: deciders take time from here, never from a clock. */
  now: string;
  correlationId: string;
  causationId?: string;
  actor?: Actor;
  /** From Idempotency-Key: a retried command with the same key has no second effect. */
  idempotencyKey?: string;
  /** From If-Match; used only by commands on the aggregate the client addressed (`ifMatch: true`). */
  expectedRevision?: number;
  userAgent?: string;
}

/** A request by a signed-in person. */
export type ActorContext = CommandContext & { actor: AuthenticatedActor };

type ContextRequest = Request & { actor?: AuthenticatedActor; receivedAt?: Date };

export function requestContext(request: ContextRequest): CommandContext {
  const meta = readRequestMeta(request);
  return {
    now: (request.receivedAt ?? new Date()).toISOString(),
    correlationId: meta.correlationId,
    actor: request.actor,
    idempotencyKey: meta.idempotencyKey,
    expectedRevision: meta.expectedRevision,
    userAgent: meta.userAgent,
  };
}

/** The command context of a request by a signed-in person (401 without one). */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): ActorContext => {
  const ctx = requestContext(context.switchToHttp().getRequest<ContextRequest>());
  if (!ctx.actor) throw new UnauthorizedError('not authenticated');
  return ctx as ActorContext;
});

/** The command context of a public route (sign-up, sign-in): no actor yet. */
export const PublicCtx = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext =>
  requestContext(context.switchToHttp().getRequest<ContextRequest>()),
);

/** The same context with another actor: a person acting right after signing up, or the system. */
export const actingAs = (ctx: CommandContext, actor: Actor): CommandContext => ({ ...ctx, actor });

/** The context of a command sent in reaction to an inbound event: correlated with it and caused by it (`personId: 'system'` for the platform). */
export const reactingTo = (event: { id: string }, now: string, personId: string): CommandContext => ({
  now,
  correlationId: event.id,
  causationId: event.id,
  actor: { personId, platformRoles: [] },
});
