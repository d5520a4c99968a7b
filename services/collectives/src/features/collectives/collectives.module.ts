import { Module } from '@nestjs/common';
import { CollectivesController } from './collectives.controller';
import { CollectivesHandler } from './collectives.handler';
import { ErasureHandler } from './erasure.handler';

@Module({ controllers: [CollectivesController], providers: [CollectivesHandler, ErasureHandler], exports: [CollectivesHandler] })
export class CollectivesFeatureModule {}
