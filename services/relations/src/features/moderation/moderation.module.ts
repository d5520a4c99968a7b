import { Module } from '@nestjs/common';
import { ReportsQuery } from '../../read-models/moderation/reports.query';
import { NeedsFeatureModule } from '../needs/needs.module';
import { ModerationController } from './moderation.controller';
import { ModerationHandler } from './moderation.handler';

@Module({ imports: [NeedsFeatureModule], controllers: [ModerationController], providers: [ModerationHandler, ReportsQuery] })
export class ModerationFeatureModule {}
