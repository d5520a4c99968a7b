import { peopleDirectory } from '@opn/directory';

export type { CompanyRole, PersonDocument } from '@opn/directory';

/** Relations' people read model: identity's directory, shared with territories (`@opn/directory`). */
export const peopleProjection = peopleDirectory('relations');
