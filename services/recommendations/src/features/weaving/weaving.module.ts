import { Module } from '@nestjs/common';
import { WeavingController } from './weaving.controller';
import { WeavingHandler } from './weaving.handler';

@Module({ controllers: [WeavingController], providers: [WeavingHandler] })
export class WeavingFeatureModule {}
