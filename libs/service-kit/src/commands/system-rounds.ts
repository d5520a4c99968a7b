import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandHandler, DomainEvent, SYSTEM_ACTOR } from '@opn/kernel';
import { randomUUID } from 'node:crypto';
import type { Commands } from './commands';

/** One command the platform sends on its own. */
export interface DueCommand {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  handler: CommandHandler<any, any, DomainEvent>;
  id: string;
  command: unknown;
  /** For the log line when it fails, e.g. `expire need <id>`. */
  what: string;
}

/**
 * Work the platform does on its own clock (a need's expiry, an election's count): once the read
 * model it looks at is ready, and then every `intervalSeconds`, it sends `due(now)` one command
 * at a time as `system`. A failed command is logged and the others go on; the next round retries
 * (the deciders make a repeated command a no-op or a refusal). Shutdown waits for the round in flight.
 */
export abstract class SystemRounds implements OnApplicationBootstrap, OnApplicationShutdown {
  protected logger: Pick<Logger, 'error'>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  protected constructor(
    protected readonly commands: Commands,
    protected readonly clock: () => Date,
    name: string,
  ) {
    this.logger = new Logger(name);
  }

  /** Resolves when what `due` reads has loaded. */
  protected abstract ready(): Promise<unknown>;
  protected abstract intervalSeconds(): number;
  /** The commands due at `now` (an ISO instant). */
  protected abstract due(now: string): DueCommand[];

  onApplicationBootstrap(): void {
    void this.ready().then(() => {
      if (this.stopped) return;
      void this.tick();
      this.timer = setInterval(() => void this.tick(), this.intervalSeconds() * 1000);
      this.timer.unref();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One round (also callable from tests); never throws. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.round().finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(): Promise<void> {
    try {
      const now = this.clock().toISOString();
      for (const { handler, id, command, what } of this.due(now)) {
        if (this.stopped) return;
        try {
          await this.commands.handle(handler, id, command, { now, correlationId: randomUUID(), actor: SYSTEM_ACTOR });
        } catch (error) {
          this.logger.error(`could not ${what}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } catch (error) {
      this.logger.error(`round failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
