import { DynamicModule, Module } from '@nestjs/common';
import { ObservabilityModule, SERVICE_CONFIG } from '@opn/service-kit';
import { DocsController } from './docs.controller';
import { GATEWAY_CONFIG, GatewayConfig } from './gateway.config';
import { GatewayHealthController } from './health.controller';
import { IdentitySessions } from './session/identity-session.client';
import { SessionController } from './session/session.controller';

@Module({})
export class GatewayModule {
  static forConfig(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      // Global: the observability module (imported here) reads the log level from SERVICE_CONFIG.
      global: true,
      imports: [ObservabilityModule.forRoot({ service: 'gateway' })],
      controllers: [SessionController, DocsController, GatewayHealthController],
      // SERVICE_CONFIG: the observability module reads the log level there.
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }, { provide: SERVICE_CONFIG, useValue: config }, IdentitySessions],
      exports: [IdentitySessions, SERVICE_CONFIG],
    };
  }
}
