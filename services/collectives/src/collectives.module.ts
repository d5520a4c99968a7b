import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@opn/service-kit';
import { AccessModule } from './access/access.module';
import { collectivesService } from './collectives.service';
import { ActivityFeatureModule } from './features/activity/activity.module';
import { CollectivesFeatureModule } from './features/collectives/collectives.module';
import { LeadershipFeatureModule } from './features/leadership/leadership.module';
import { MembersFeatureModule } from './features/members/members.module';

/** Collectives: the kit (from its declaration in collectives.service.ts), access, one module per feature. */
@Module({
  imports: [ServiceKitModule.forService(collectivesService), AccessModule, CollectivesFeatureModule, MembersFeatureModule, LeadershipFeatureModule, ActivityFeatureModule],
})
export class CollectivesModule {}
