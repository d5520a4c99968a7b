import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ActorContext, Ctx, PageQuery, UuidParam } from '@opn/service-kit';
import { AlertSettingsDto, CreateTerritoryDto, TerritoryListQuery, UpdateTerritoryDto } from './territories.dto';
import { TerritoriesHandler } from './territories.handler';

@ApiTags('territories')
@ApiBearerAuth()
@Controller()
export class TerritoriesController {
  constructor(private readonly territories: TerritoriesHandler) {}

  @Post('territories')
  @ApiOperation({ summary: 'Create a territory: top-level by a platform admin, nested by a coordinator of its parent' })
  create(@Body() dto: CreateTerritoryDto, @Ctx() ctx: ActorContext) {
    return this.territories.create(dto, ctx);
  }

  @Get('territories')
  @ApiOperation({ summary: 'The catalogue of territories firms may apply to, filtered, by name' })
  list(@Query() query: TerritoryListQuery, @Ctx() ctx: ActorContext) {
    return this.territories.list(query, ctx);
  }

  @Get('me')
  @ApiOperation({ summary: 'What territories knows of you (from identity): your companies and roles, platform roles, territories you coordinate' })
  me(@Ctx() ctx: ActorContext) {
    return this.territories.me(ctx);
  }

  @Get('me/territories')
  @ApiOperation({ summary: 'The territories you coordinate, directly or through a parent territory, by name' })
  mine(@Query() query: PageQuery, @Ctx() ctx: ActorContext) {
    return this.territories.mine(query, ctx);
  }

  @Get('territories/:territoryId')
  @ApiOperation({ summary: 'A territory: its public description; coordinators, alert settings and nested territories for its coordinators' })
  get(@Param('territoryId', UuidParam) territoryId: string, @Ctx() ctx: ActorContext) {
    return this.territories.get(territoryId, ctx);
  }

  @Patch('territories/:territoryId')
  @ApiOperation({ summary: "Change a territory's name, description or perimeter (its coordinators)" })
  update(@Param('territoryId', UuidParam) territoryId: string, @Body() dto: UpdateTerritoryDto, @Ctx() ctx: ActorContext) {
    return this.territories.update(territoryId, dto, ctx);
  }

  @Put('territories/:territoryId/coordinators/:personId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Appoint a coordinator (a platform admin, or a coordinator of the parent territory)' })
  appoint(@Param('territoryId', UuidParam) territoryId: string, @Param('personId', UuidParam) personId: string, @Ctx() ctx: ActorContext) {
    return this.territories.appoint(territoryId, personId, ctx);
  }

  @Delete('territories/:territoryId/coordinators/:personId')
  @ApiOperation({ summary: 'Remove a coordinator (a platform admin, or a coordinator of the parent territory)' })
  remove(@Param('territoryId', UuidParam) territoryId: string, @Param('personId', UuidParam) personId: string, @Ctx() ctx: ActorContext) {
    return this.territories.remove(territoryId, personId, ctx);
  }

  @Put('territories/:territoryId/alert-settings')
  @HttpCode(200)
  @ApiOperation({ summary: 'When closed-circle alerts fire: E-I threshold and period in months (coordinators)' })
  alerts(@Param('territoryId', UuidParam) territoryId: string, @Body() dto: AlertSettingsDto, @Ctx() ctx: ActorContext) {
    return this.territories.configureAlerts(territoryId, dto, ctx);
  }

  @Get('territories/:territoryId/history')
  @ApiOperation({ summary: "Who changed the territory's definition, coordinators and alert settings, and when (coordinators)" })
  history(@Param('territoryId', UuidParam) territoryId: string, @Query() query: PageQuery, @Ctx() ctx: ActorContext) {
    return this.territories.history(territoryId, query, ctx);
  }
}
