import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { GATEWAY_CONFIG, GatewayConfig, UPSTREAMS, Upstream, upstreamsOf } from './gateway.config';

/**
 * Each service's OpenAPI document as seen through the gateway (its server is /api/<service>), listed
 * in the API reference at /docs beside the gateway's own.
 */
@ApiExcludeController()
@Controller('openapi')
export class DocsController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Get(':service.json')
  async document(@Param('service') service: string, @Res({ passthrough: true }) res: Response) {
    if (!(UPSTREAMS as readonly string[]).includes(service)) throw new NotFoundException(`no service named ${service}`);
    const upstream = await fetch(new URL('/openapi.json', upstreamsOf(this.config)[service as Upstream]), { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
    if (!upstream?.ok) {
      res.status(502);
      return { error: { code: 'upstream_unavailable', message: `${service} is not answering; retry in a moment`, status: 502 } };
    }
    const document = (await upstream.json()) as Record<string, unknown>;
    return { ...document, servers: [{ url: `/api/${service}`, description: `${service} through the gateway` }] };
  }
}

/** Every service's API reference, for the /docs page's list. */
export const serviceDocs = () => UPSTREAMS.map((name) => ({ name, url: `/openapi/${name}.json` }));
