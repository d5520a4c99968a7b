import { peopleDirectory } from '@opn/directory';

/** Identity's people as recommendations reads them: companies, platform roles, consents (brokers consent to `warm_introductions`). */
export const peopleProjection = peopleDirectory('recommendations');
