import { companyDirectoryProjection } from './company-directory/company-directory.projection';
import { CompanySearch } from './company-directory/company-search';
import { companyInvitationsProjection } from './company-invitations/company-invitations.projection';
import { companyMembersProjection } from './company-members/company-members.projection';
import { peopleProjection } from './people/people.projection';
import { personSessionsProjection } from './person-sessions/person-sessions.projection';

export * from './company-directory/company-directory.projection';
export * from './company-directory/company-search';
export * from './company-invitations/company-invitations.projection';
export * from './company-members/company-members.projection';
export * from './people/people.projection';
export * from './person-sessions/person-sessions.projection';

export const IDENTITY_PROJECTIONS = [companyDirectoryProjection, companyMembersProjection, peopleProjection, companyInvitationsProjection, personSessionsProjection];

/** Read models kept in memory (free text and array filters of the directory). */
export const IDENTITY_MEMORY_READ_MODELS = [CompanySearch];
