import { Module } from '@nestjs/common';
import { TerritoriesController } from './territories.controller';
import { TerritoriesHandler } from './territories.handler';

@Module({ controllers: [TerritoriesController], providers: [TerritoriesHandler], exports: [TerritoriesHandler] })
export class TerritoriesFeatureModule {}
