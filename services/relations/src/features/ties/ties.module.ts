import { Module } from '@nestjs/common';
import { TiesQuery } from '../../read-models/ties/ties.query';
import { TiesErasureHandler } from './ties-erasure.handler';
import { TiesController } from './ties.controller';
import { TiesHandler } from './ties.handler';

@Module({ controllers: [TiesController], providers: [TiesHandler, TiesQuery, TiesErasureHandler] })
export class TiesFeatureModule {}
