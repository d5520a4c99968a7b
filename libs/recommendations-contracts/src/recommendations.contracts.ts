import { defineContract } from '@opn/contracts';

/**
 * Recommendations' public events, for relations (an introduction made for a need is a step of the
 * need) and territories: the introductions that both sides accepted. Requests still pending,
 * declined, withdrawn or expired, notes and reasons stay in the service.
 * Topic `recommendations.introduction`, message key = the introduction id.
 */
export const RECOMMENDATIONS_TOPICS = { introduction: 'recommendations.introduction' } as const;

const isoInstant = { type: 'string', format: 'date-time' } as const;
const id = { type: 'string', minLength: 1 } as const;

export interface IntroductionMadeV1 {
  introductionId: string;
  /** Who asked to be introduced. */
  requesterId: string;
  /** The people who passed it on, in order from the requester (each accepted). */
  brokerIds: string[];
  /** Who accepted to be introduced, and the company they were asked for. */
  targetPersonId: string;
  targetCompanyId: string;
  /** The need of the requester's company it was asked for, when one was named. */
  needId?: string;
  madeAt: string;
}

export const IntroductionMadeV1 = defineContract<IntroductionMadeV1>()({
  type: 'recommendations.IntroductionMade',
  version: 1,
  topic: RECOMMENDATIONS_TOPICS.introduction,
  description:
    'A warm introduction was made: every broker on the path passed it on and the person of the target company accepted it (double opt-in). With a need, relations records the target company as introduced on it.',
  schema: {
    type: 'object',
    required: ['introductionId', 'requesterId', 'brokerIds', 'targetPersonId', 'targetCompanyId', 'madeAt'],
    properties: {
      introductionId: id,
      requesterId: id,
      brokerIds: { type: 'array', items: id, minItems: 1, maxItems: 2 },
      targetPersonId: id,
      targetCompanyId: id,
      needId: id,
      madeAt: isoInstant,
    },
    additionalProperties: false,
  },
});

export const RECOMMENDATIONS_CONTRACTS = [IntroductionMadeV1];
