import { Module } from '@nestjs/common';
import { CollectivesController } from './collectives.controller';
import { CollectivesHandler } from './collectives.handler';

@Module({ controllers: [CollectivesController], providers: [CollectivesHandler], exports: [CollectivesHandler] })
export class CollectivesFeatureModule {}
