import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@opn/service-kit';
import { AccessModule } from './access/access.module';
import { IntroductionsFeatureModule } from './features/introductions/introductions.module';
import { MeFeatureModule } from './features/me/me.module';
import { MeetFeatureModule } from './features/meet/meet.module';
import { PartnersFeatureModule } from './features/partners/partners.module';
import { WeavingFeatureModule } from './features/weaving/weaving.module';
import { recommendationsService } from './recommendations.service';

/** Recommendations: the kit (from its declaration in recommendations.service.ts), access, one module per feature. */
@Module({
  imports: [ServiceKitModule.forService(recommendationsService), AccessModule, MeFeatureModule, PartnersFeatureModule, MeetFeatureModule, IntroductionsFeatureModule, WeavingFeatureModule],
})
export class RecommendationsModule {}
