/**
 * The one small set of errors every service raises. The HTTP layer maps them once
 * (see @opn/service-kit's DomainExceptionFilter); consumers use `retriable` to tell
 * transient failures from poison messages.
 */
export type ErrorDetails = Record<string, unknown> | Array<Record<string, unknown>>;

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
  readonly retriable: boolean = false;
  constructor(
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input that can never succeed as sent: 400. */
export class ValidationError extends DomainError {
  readonly code = 'validation_failed';
  readonly status = 400;
}

/** The resource does not exist, or the caller may not know it exists: 404. */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
  readonly status = 404;
}

/** The command is not allowed in the aggregate's current state: 409. */
export class IllegalStateError extends DomainError {
  readonly code = 'illegal_state';
  readonly status = 409;
}

/** The caller is authenticated but lacks the right for an action on something it can see: 403. */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
  readonly status = 403;
}

/** Missing, invalid or expired credentials: 401. */
export class UnauthorizedError extends DomainError {
  readonly code = 'unauthorized';
  readonly status = 401;
}

/**
 * Optimistic concurrency failed: another writer appended first. 409, or 412 when the
 * client itself sent the expected revision (If-Match).
 */
export class ConcurrencyError extends DomainError {
  readonly code = 'concurrency_conflict';
  readonly status: number;
  override readonly retriable = true;
  constructor(
    readonly streamId: string,
    readonly expected: string,
    readonly actual: string,
    clientSupplied = false,
  ) {
    super(`stream ${streamId} is at revision ${actual}, expected ${expected}`, { streamId, expected, actual });
    this.status = clientSupplied ? 412 : 409;
  }
}

/** Too many attempts (sign-in rate limit, ...): 429. */
export class TooManyRequestsError extends DomainError {
  readonly code = 'too_many_requests';
  readonly status = 429;
}

/** A part the answer needs is not ready yet (a read model still loading at start-up): 503, retry later. */
export class UnavailableError extends DomainError {
  readonly code = 'temporarily_unavailable';
  readonly status = 503;
  override readonly retriable = true;
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
