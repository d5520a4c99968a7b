import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@opn/auth';
import type { Response } from 'express';
import { ServiceMetrics } from './metrics';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  /** Public like /health: it holds counts and lags, no tenant data; restrict it at the network edge. */
  @Public()
  @Get()
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.setHeader('content-type', this.metrics.contentType);
    return this.metrics.exposition();
  }
}
