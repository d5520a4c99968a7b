import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import type { DestinationStream, Level, Logger } from 'pino';
import type { KitConfig } from '../config/kit-config';
import { SERVICE_CONFIG } from '../tokens';
import { httpObservability } from './http-observability';
import { PinoLoggerService, createServiceLogger } from './logger';
import { MetricsController } from './metrics.controller';
import { ServiceMetrics } from './metrics';

/** Injection token of the service's pino logger. */
export const SERVICE_LOGGER = Symbol('ServiceLogger');
/** Injection token of where log lines go: null means stdout; a test overrides it with its own stream. */
export const LOG_DESTINATION = Symbol('LogDestination');

export interface ObservabilityModuleOptions {
  /** In every log line and as the `service` label of every series. */
  service: string;
}

/**
 * The service logger (SERVICE_LOGGER), its Nest adapter (PinoLoggerService), the metrics registry
 * (ServiceMetrics) and GET /metrics, global so the adapters' factories can inject them.
 * `useObservability(app)` then puts the HTTP middleware first and makes Nest log through pino.
 */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityModuleOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      controllers: [MetricsController],
      providers: [
        { provide: LOG_DESTINATION, useValue: null },
        {
          provide: SERVICE_LOGGER,
          // The level is the kit's validated LOG_LEVEL when the module runs inside the kit.
          inject: [LOG_DESTINATION, { token: SERVICE_CONFIG, optional: true }],
          useFactory: (destination: DestinationStream | null, config?: Pick<KitConfig, 'logLevel'>) =>
            createServiceLogger({ service: options.service, level: config?.logLevel as Level | 'silent' | undefined, destination: destination ?? undefined }),
        },
        { provide: PinoLoggerService, inject: [SERVICE_LOGGER], useFactory: (logger: Logger) => new PinoLoggerService(logger) },
        { provide: ServiceMetrics, useFactory: () => new ServiceMetrics({ service: options.service }) },
      ],
      exports: [SERVICE_LOGGER, PinoLoggerService, ServiceMetrics],
    };
  }
}

/**
 * For an app whose module imports ObservabilityModule (every service, through the kit): the
 * correlation, access-log and HTTP metrics middleware goes before every other one (so body-parser
 * rejections are measured too) and Nest's own logger writes through pino.
 */
export function useObservability(app: INestApplication): void {
  const logger = app.get<Logger>(SERVICE_LOGGER, { strict: false });
  const metrics = app.get(ServiceMetrics, { strict: false });
  app.use(httpObservability({ logger, metrics }));
  app.useLogger(app.get(PinoLoggerService, { strict: false }));
}
