import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { GATEWAY_CONFIG, GatewayConfig, UPSTREAMS, upstreamsOf } from './gateway.config';

@ApiTags('health')
@Controller('health')
export class GatewayHealthController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the gateway is up' })
  live() {
    return { status: 'up' };
  }

  @Get()
  @ApiOperation({ summary: "Readiness of every service behind the gateway (each one's /health/ready); 503 when one is not ready" })
  async ready(@Res({ passthrough: true }) res: Response) {
    const urls = upstreamsOf(this.config);
    const services = Object.fromEntries(
      await Promise.all(
        UPSTREAMS.map(async (name) => {
          const answer = await fetch(new URL('/health/ready', urls[name]), { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
          return [name, answer?.ok ? 'up' : answer ? `not ready (${answer.status})` : 'unreachable'] as const;
        }),
      ),
    );
    const up = Object.values(services).every((s) => s === 'up');
    if (!up) res.status(503);
    return { status: up ? 'up' : 'degraded', services };
  }
}
