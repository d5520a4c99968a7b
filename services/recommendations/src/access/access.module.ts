import { Global, Module } from '@nestjs/common';
import { TokenVerificationModule } from '@opn/service-kit';
import { NetworkSnapshots } from '../read-models/network/network.snapshots';
import { Access } from './access';

/** Token verification (identity's key), the network's derived graphs, and the Access service every feature asks before acting. */
@Global()
@Module({ imports: [TokenVerificationModule], providers: [Access, NetworkSnapshots], exports: [Access, NetworkSnapshots] })
export class AccessModule {}
