import { LoggerService } from '@nestjs/common';
import { currentCorrelationId } from '@opn/kernel';
import pino, { DestinationStream, Level, Logger } from 'pino';
import { redact, redactText } from './redact';

export type { Logger } from 'pino';

export interface ServiceLoggerOptions {
  /** In every line as `service`. */
  service: string;
  /** From the kit's validated `LOG_LEVEL` (default info). */
  level?: Level | 'silent';
  /** Where the JSON lines go (default stdout, written synchronously): a test passes its own stream. */
  destination?: DestinationStream;
}

/**
 * A pino logger writing one JSON object per line with `level` (name), `time` (ISO), `service`,
 * `msg`, the correlation id of the work in progress, and the caller's fields, every one of them
 * passed through `redact` (secret-named fields, JWTs, bearer tokens, private keys) first.
 */
export function createServiceLogger(options: ServiceLoggerOptions): Logger {
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => redact(bindings) as Record<string, unknown>,
        log: (object) => redact(object) as Record<string, unknown>,
      },
      // Fields given by the caller win over the context's id (the relay logs other requests' events).
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
      // redact() already turned errors into {type, message, stack}: pino's serializer would retype them.
      serializers: { err: (value: unknown) => value },
      hooks: {
        // Messages and their interpolation arguments are scrubbed like field values; an error
        // logged alone gives its (scrubbed) message as the line's message.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>;
          if (scrubbed[0] instanceof Error && typeof scrubbed[1] !== 'string') scrubbed.splice(1, 0, redactText(scrubbed[0].message));
          return method.apply(this, scrubbed);
        },
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  // pino applies the bindings formatter to `base` only, not to child bindings: scrub those here.
  // (Children inherit this `child` through their prototype, so grandchildren are covered too.)
  const child = logger.child;
  Object.defineProperty(logger, 'child', {
    value: function (this: Logger, bindings: Record<string, unknown>, childOptions?: object) {
      return child.call(this, redact(bindings) as Record<string, unknown>, childOptions);
    },
  });
  return logger;
}

type NestLevel = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';
const PINO_LEVEL: Record<NestLevel, Level> = { log: 'info', error: 'error', warn: 'warn', debug: 'debug', verbose: 'trace', fatal: 'fatal' };

/**
 * Nest's logger interface over the service logger, so Nest's own lines and every
 * `new Logger(context)` in the services come out as the same JSON lines (`context` as a field).
 */
/** Contexts of Nest's own start-up lines. */
const NEST_START_UP = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

export class PinoLoggerService implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]) {
    // Nest's start-up inventory (modules loaded, each route mapped) is debug detail, not news.
    const context = params[params.length - 1];
    this.write(typeof context === 'string' && NEST_START_UP.has(context) ? 'debug' : 'log', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]) {
    this.write('fatal', message, params);
  }

  /** Nest passes `(message, ...extra, context)`; for errors the extra is usually a stack. */
  private write(level: NestLevel, message: unknown, params: unknown[]) {
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (level === 'error' && typeof rest[0] === 'string') fields.stack = rest.shift();
    if (rest.length > 0) fields.details = rest;
    const target = this.logger[PINO_LEVEL[level]].bind(this.logger);
    if (message instanceof Error) target({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) target({ ...fields, ...(message as object) });
    else target(fields, String(message));
  }
}
