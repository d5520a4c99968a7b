import 'reflect-metadata';
import { runMain, runService } from '@opn/service-kit';
import { TerritoriesModule } from './territories.module';
import { territoriesService } from './territories.service';

export const bootstrap = () => runService(TerritoriesModule, territoriesService);

if (require.main === module) runMain(bootstrap);
