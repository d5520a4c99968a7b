import { Module } from '@nestjs/common';
import { CollectivesFeatureModule } from '../collectives/collectives.module';
import { LeadershipController } from './leadership.controller';
import { LeadershipHandler } from './leadership.handler';
import { Steward } from './steward';

@Module({ imports: [CollectivesFeatureModule], controllers: [LeadershipController], providers: [LeadershipHandler, Steward], exports: [Steward] })
export class LeadershipFeatureModule {}
