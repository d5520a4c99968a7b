import 'reflect-metadata';
import { runMain, runService } from '@opn/service-kit';
import { RelationsModule } from './relations.module';
import { relationsService } from './relations.service';

export const bootstrap = () => runService(RelationsModule, relationsService);

if (require.main === module) runMain(bootstrap);
