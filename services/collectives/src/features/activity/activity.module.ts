import { Module } from '@nestjs/common';
import { CollectivesFeatureModule } from '../collectives/collectives.module';
import { ActivityController } from './activity.controller';
import { ActivityHandler } from './activity.handler';

@Module({ imports: [CollectivesFeatureModule], controllers: [ActivityController], providers: [ActivityHandler] })
export class ActivityFeatureModule {}
