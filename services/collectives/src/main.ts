import 'reflect-metadata';
import { runMain, runService } from '@opn/service-kit';
import { CollectivesModule } from './collectives.module';
import { collectivesService } from './collectives.service';

export const bootstrap = () => runService(CollectivesModule, collectivesService);

if (require.main === module) runMain(bootstrap);
