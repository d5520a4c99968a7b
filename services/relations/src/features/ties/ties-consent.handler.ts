import { Inject, Injectable } from '@nestjs/common';
import { Clock, IllegalStateError } from '@opn/kernel';
import { ConsentChangedV1 } from '@opn/identity-contracts';
import { CLOCK, Commands, OnIntegrationEvent, reactingTo } from '@opn/service-kit';
import { ties } from '../../domain';
import { TieIndex } from '../../read-models/ties/ties.projection';

/**
 * When a person withdraws the `personal_ties` consent in identity, each of their confirmed ties is
 * narrowed to `private` on their side, as if they had done it themselves: the tie then shows to
 * the two people only, leaves every aggregate and is withdrawn from Kafka consumers
 * (`relations.TieWithdrawn.v1`). Nothing is deleted, so giving the consent again and widening a tie
 * brings it back. Idempotent: a tie already private on their side changes nothing.
 */
@Injectable()
export class TiesConsentHandler {
  constructor(
    private readonly commands: Commands,
    private readonly index: TieIndex,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnIntegrationEvent(ConsentChangedV1)
  async consentChanged(data: { personId: string; purpose: string; granted: boolean }, event: { id: string }): Promise<void> {
    if (data.purpose !== 'personal_ties' || data.granted) return;
    await this.index.ready;
    const now = this.clock().toISOString();
    const ctx = reactingTo(event, now, data.personId);
    for (const [tieId, tie] of this.index.entriesFor(data.personId)) {
      if (tie.status !== 'confirmed' || tie.visibility[data.personId] === 'private') continue;
      try {
        await this.commands.handle(ties, tieId, { type: 'ChangeTieVisibility', data: { by: data.personId, visibility: 'private', now } }, ctx);
      } catch (error) {
        // The tie changed meanwhile (ended, erased): nothing left to narrow.
        if (!(error instanceof IllegalStateError)) throw error;
      }
    }
  }
}
