import 'reflect-metadata';
import { runMain, runService } from '@opn/service-kit';
import { RecommendationsModule } from './recommendations.module';
import { recommendationsService } from './recommendations.service';

export const bootstrap = () => runService(RecommendationsModule, recommendationsService);

if (require.main === module) runMain(bootstrap);
