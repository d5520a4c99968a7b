import { Injectable, Logger } from '@nestjs/common';
import type { IntegrationEvent } from '@opn/contracts';
import { DomainError, SYSTEM_ACTOR, UnavailableError, deterministicId } from '@opn/kernel';
import { IntroductionMadeV1 } from '@opn/recommendations-contracts';
import { Commands, OnIntegrationEvent } from '@opn/service-kit';
import { needs } from '../../domain';

/**
 * A warm introduction made for a need in recommendations (every broker passed it on, the target
 * accepted) is an introduction of the target's company on the need, `via: person`, by the broker who
 * knows the target, with the platform's authority (`system`: both sides opted in there). One
 * introduction id per warm introduction, so a redelivery changes nothing; a need already closed, a
 * partner already introduced or a need relations does not know leaves nothing to record.
 */
@Injectable()
export class WarmIntroductions {
  private readonly logger = new Logger('WarmIntroductions');

  constructor(private readonly commands: Commands) {}

  @OnIntegrationEvent(IntroductionMadeV1)
  async onIntroductionMade(data: IntroductionMadeV1, event: IntegrationEvent<string, IntroductionMadeV1>): Promise<void> {
    if (!data.needId) return;
    const introductionId = deterministicId('opn.relations.warm-introduction', data.introductionId);
    try {
      await this.commands.handle(
        needs,
        data.needId,
        { type: 'MakeIntroduction', data: { introductionId, partnerCompanyId: data.targetCompanyId, via: 'person', by: data.brokerIds[data.brokerIds.length - 1], authority: 'system', now: data.madeAt } },
        { now: data.madeAt, correlationId: event.correlationId ?? event.id, causationId: event.id, actor: SYSTEM_ACTOR },
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error instanceof UnavailableError) throw error;
      this.logger.log(`warm introduction ${data.introductionId} not recorded on need ${data.needId}: ${error.message}`);
    }
  }
}
