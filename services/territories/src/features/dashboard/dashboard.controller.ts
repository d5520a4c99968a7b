import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, UuidParam } from '@opn/service-kit';
import type { Response } from 'express';
import { AsOfQuery, DashboardQuery, FirmMetricsQuery } from './dashboard.dto';
import { DashboardHandler } from './dashboard.handler';

@ApiTags('coordinator dashboard')
@ApiBearerAuth()
@Controller('territories/:territoryId')
export class DashboardController {
  constructor(private readonly dashboard: DashboardHandler) {}

  @Get('dashboard')
  @ApiOperation({
    summary:
      'Monthly figures, openness (E-I by sector, town, size, group; personal ties k-anonymous), brokers, closed clusters and closed-circle alerts, for today or asOf a past date (coordinators)',
  })
  get(@Param('territoryId', UuidParam) territoryId: string, @Query() query: DashboardQuery, @Ctx() ctx: ActorContext) {
    return this.dashboard.dashboard(territoryId, query, ctx);
  }

  @Get('alerts')
  @ApiOperation({ summary: 'Closed-circle alerts: groups whose E-I index stayed below the threshold over the period (coordinators)' })
  alerts(@Param('territoryId', UuidParam) territoryId: string, @Query() query: AsOfQuery, @Ctx() ctx: ActorContext) {
    return this.dashboard.alerts(territoryId, query, ctx);
  }

  @Get('network/firms')
  @ApiOperation({ summary: "Each member firm's Burt constraint, effective size, degree and community, sorted, paginated (coordinators)" })
  firms(@Param('territoryId', UuidParam) territoryId: string, @Query() query: FirmMetricsQuery, @Ctx() ctx: ActorContext) {
    return this.dashboard.firms(territoryId, query, ctx);
  }

  @Get('dashboard.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The monthly series as CSV (coordinators)' })
  async csv(@Param('territoryId', UuidParam) territoryId: string, @Query() query: DashboardQuery, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    const body = await this.dashboard.seriesCsv(territoryId, query, ctx);
    // Set once the body is computed: an error keeps its JSON content type.
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="territory-${territoryId}-series.csv"`);
    return body;
  }

  @Get('network.gexf')
  @ApiProduces('application/gexf+xml')
  @ApiOperation({ summary: "The firms' network as GEXF for Gephi, today or asOf (coordinators)" })
  async gexf(@Param('territoryId', UuidParam) territoryId: string, @Query() query: AsOfQuery, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    const body = await this.dashboard.networkFile(territoryId, 'gexf', query, ctx);
    res.setHeader('Content-Type', 'application/gexf+xml; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="territory-${territoryId}.gexf"`);
    return body;
  }

  @Get('network.graphml')
  @ApiProduces('application/graphml+xml')
  @ApiOperation({ summary: "The firms' network as GraphML, today or asOf (coordinators)" })
  async graphml(@Param('territoryId', UuidParam) territoryId: string, @Query() query: AsOfQuery, @Ctx() ctx: ActorContext, @Res({ passthrough: true }) res: Response) {
    const body = await this.dashboard.networkFile(territoryId, 'graphml', query, ctx);
    res.setHeader('Content-Type', 'application/graphml+xml; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="territory-${territoryId}.graphml"`);
    return body;
  }
}
