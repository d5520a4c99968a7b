import { Inject, Injectable } from '@nestjs/common';
import { Clock, KeyStore } from '@opn/kernel';
import { PersonErasedV1 } from '@opn/identity-contracts';
import { CLOCK, Commands, KEY_STORE, OnIntegrationEvent, reactingTo } from '@opn/service-kit';
import { tieSubject, ties } from '../../domain';
import { TieIndex } from '../../read-models/ties/ties.projection';

/**
 * When identity erases a person, every tie of theirs is erased (gone from every read model and
 * withdrawn from Kafka consumers) and the key of its note is destroyed, so the note reads
 * `[erased]` in the log too. Idempotent: a redelivered event erases nothing twice.
 */
@Injectable()
export class TiesErasureHandler {
  constructor(
    private readonly commands: Commands,
    private readonly index: TieIndex,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnIntegrationEvent(PersonErasedV1)
  async personErased(data: { personId: string }, event: { id: string }): Promise<void> {
    await this.index.ready;
    const now = this.clock().toISOString();
    const ctx = reactingTo(event, now, 'system');
    for (const tieId of this.index.idsFor(data.personId)) {
      // The key first: once the tie is erased the index forgets it, so a redelivery after a
      // failure between the two steps would never find the key again.
      await this.keys.destroy(tieSubject(tieId));
      await this.commands.handle(ties, tieId, { type: 'EraseTie', data: { erasedPersonId: data.personId, now } }, ctx);
    }
  }
}
