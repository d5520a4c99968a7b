import { definePersonalDataPolicy } from '@opn/kernel';
import type { IntroductionEvent } from './introduction/introduction.events';

/** The data subject of what a person writes in recommendations: one key per person, destroyed when identity erases them. */
export const writerSubject = (personId: string): string => `recommendations-person-${personId}`;

/**
 * Recommendations' personal data (docs/adr/0009-crypto-shredding.md): the requester's note on an
 * introduction and the reason someone gives for declining one, sealed under their writer's key.
 */
export const RECOMMENDATIONS_PERSONAL_DATA = definePersonalDataPolicy<IntroductionEvent>({
  IntroductionRequested: { subject: (d) => writerSubject(d.requesterId), fields: ['note'] },
  IntroductionDeclined: { subject: (d) => writerSubject(d.personId), fields: ['reason'] },
});
