import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@opn/service-kit';
import { AccessModule } from './access/access.module';
import { DashboardFeatureModule } from './features/dashboard/dashboard.module';
import { RosterFeatureModule } from './features/roster/roster.module';
import { TerritoriesFeatureModule } from './features/territories/territories.module';
import { territoriesService } from './territories.service';

/** Territories: the kit (from its declaration in territories.service.ts), access, one module per feature. */
@Module({
  imports: [ServiceKitModule.forService(territoriesService), AccessModule, TerritoriesFeatureModule, RosterFeatureModule, DashboardFeatureModule],
})
export class TerritoriesModule {}
