import { Module } from '@nestjs/common';
import { IntroductionExpiry } from './introduction-expiry';
import { IntroductionsController } from './introductions.controller';
import { IntroductionsHandler } from './introductions.handler';

@Module({ controllers: [IntroductionsController], providers: [IntroductionsHandler, IntroductionExpiry] })
export class IntroductionsFeatureModule {}
