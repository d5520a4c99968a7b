import { Module } from '@nestjs/common';
import { IntroductionsController } from './introductions.controller';
import { IntroductionsHandler } from './introductions.handler';

@Module({ controllers: [IntroductionsController], providers: [IntroductionsHandler] })
export class IntroductionsFeatureModule {}
