import { RecordedEvent, assertNever } from '@opn/kernel';
import { OutboundMapper, publishedAs } from '@opn/messaging';
import { IntroductionMadeV1, RECOMMENDATIONS_TOPICS } from '@opn/recommendations-contracts';
import type { IntroductionEvent } from '../domain';

export const SOURCE = 'recommendations';
export const RECOMMENDATIONS_RELAY_TOPICS = Object.values(RECOMMENDATIONS_TOPICS);

const publish = publishedAs(SOURCE);

/**
 * The one gate from recommendations' stored events to its public ones: only an introduction made
 * (both sides accepted) leaves the service. Requests, answers on the way, declines, withdrawals,
 * expiries, notes and reasons stay in it.
 */
export const recommendationsOutboundMapper: OutboundMapper = (recorded: RecordedEvent) => {
  const e = { type: recorded.type, data: recorded.data } as IntroductionEvent;
  switch (e.type) {
    case 'IntroductionMade': {
      const d = e.data;
      return publish(IntroductionMadeV1, recorded, d.introductionId, {
        introductionId: d.introductionId,
        requesterId: d.requesterId,
        brokerIds: d.brokers,
        targetPersonId: d.targetPersonId,
        targetCompanyId: d.targetCompanyId,
        ...(d.needId ? { needId: d.needId } : {}),
        madeAt: d.at,
      });
    }
    case 'IntroductionRequested':
    case 'IntroductionAccepted':
    case 'IntroductionDeclined':
    case 'IntroductionWithdrawn':
    case 'IntroductionCancelled':
    case 'IntroductionExpired':
      return null;
    default:
      return assertNever(e);
  }
};
