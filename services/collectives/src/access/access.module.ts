import { Global, Module } from '@nestjs/common';
import { TokenVerificationModule } from '@opn/service-kit';
import { Access } from './access';

/** Token verification (identity's key) and the Access service every feature asks before acting. */
@Global()
@Module({ imports: [TokenVerificationModule], providers: [Access], exports: [Access] })
export class AccessModule {}
