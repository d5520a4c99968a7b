import 'reflect-metadata';
import { runMain, runService } from '@opn/service-kit';
import { IdentityModule } from './identity.module';
import { identityService } from './identity.service';

export const bootstrap = () => runService(IdentityModule, identityService);

if (require.main === module) runMain(bootstrap);
