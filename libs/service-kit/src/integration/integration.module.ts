import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { IntegrationEventsHost } from './integration-events.host';
import { INTEGRATION_OPTIONS, IntegrationOptions } from './integration.options';

export interface IntegrationModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  // Nest's own factory-provider signature: injected values arrive untyped.
  inject?: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
  useFactory: (...deps: any[]) => IntegrationOptions | Promise<IntegrationOptions>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Inbound integration events for a service: `@OnIntegrationEvent` handlers on any provider of the
 * application, and Kafka-fed read models. Import once, in the service's root module.
 */
@Module({})
export class IntegrationModule {
  static forRootAsync(options: IntegrationModuleAsyncOptions): DynamicModule {
    return {
      module: IntegrationModule,
      imports: [DiscoveryModule, ...(options.imports ?? [])],
      providers: [{ provide: INTEGRATION_OPTIONS, inject: options.inject ?? [], useFactory: options.useFactory }, IntegrationEventsHost],
      exports: [IntegrationEventsHost],
    };
  }
}
