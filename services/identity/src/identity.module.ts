import { Module } from '@nestjs/common';
import { ServiceKitModule } from '@opn/service-kit';
import { AuthModule } from './features/auth/auth.module';
import { CompaniesModule } from './features/companies/companies.module';
import { InvitationsModule } from './features/invitations/invitations.module';
import { MeModule } from './features/me/me.module';
import { MembersModule } from './features/members/members.module';
import { PlatformRolesModule } from './features/platform-roles/platform-roles.module';
import { PrivacyModule } from './features/privacy/privacy.module';
import { identityService } from './identity.service';
import { AccessModule } from './infrastructure/access.module';

/** Identity: the kit (from its declaration in identity.service.ts), token signing, and one module per feature. */
@Module({
  imports: [
    ServiceKitModule.forService(identityService),
    AccessModule,
    AuthModule,
    CompaniesModule,
    MembersModule,
    InvitationsModule,
    MeModule,
    PlatformRolesModule,
    PrivacyModule,
  ],
})
export class IdentityModule {}
