import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@opn/service-kit';
import { AccessModule } from './access/access.module';
import { MeModule } from './features/me/me.module';
import { ModerationFeatureModule } from './features/moderation/moderation.module';
import { NeedsFeatureModule } from './features/needs/needs.module';
import { RelationsFeatureModule } from './features/relations/relations.module';
import { TiesFeatureModule } from './features/ties/ties.module';
import { relationsService } from './relations.service';

/** Relations: the kit (from its declaration in relations.service.ts), access from identity's events, one module per feature. */
@Module({
  imports: [
    ServiceKitModule.forService(relationsService),
    AccessModule,
    MeModule,
    RelationsFeatureModule,
    TiesFeatureModule,
    NeedsFeatureModule,
    ModerationFeatureModule,
  ],
})
export class RelationsModule {}
