import { Module } from '@nestjs/common';
import { CompanyDirectoryQuery } from './company-directory/company-directory.query';
import { CompanyInvitationsQuery } from './company-invitations/company-invitations.query';
import { CompanyMembersQuery } from './company-members/company-members.query';
import { PeopleQuery } from './people/people.query';
import { PersonSessionsQuery } from './person-sessions/person-sessions.query';

/** The queries over identity's read models (the projections themselves are run by the kit). */
@Module({
  providers: [CompanyDirectoryQuery, CompanyMembersQuery, CompanyInvitationsQuery, PeopleQuery, PersonSessionsQuery],
  exports: [CompanyDirectoryQuery, CompanyMembersQuery, CompanyInvitationsQuery, PeopleQuery, PersonSessionsQuery],
})
export class ReadModelsModule {}
