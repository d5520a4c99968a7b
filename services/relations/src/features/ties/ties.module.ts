import { Module } from '@nestjs/common';
import { TiesQuery } from '../../read-models/ties/ties.query';
import { TiesConsentHandler } from './ties-consent.handler';
import { TiesErasureHandler } from './ties-erasure.handler';
import { TiesController } from './ties.controller';
import { TiesHandler } from './ties.handler';

@Module({ controllers: [TiesController], providers: [TiesHandler, TiesQuery, TiesErasureHandler, TiesConsentHandler] })
export class TiesFeatureModule {}
