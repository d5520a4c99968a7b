import { Inject, Injectable } from '@nestjs/common';
import { PersonErasedV1 } from '@opn/identity-contracts';
import { Clock, KeyStore } from '@opn/kernel';
import { CLOCK, Commands, KEY_STORE, OnIntegrationEvent, reactingTo } from '@opn/service-kit';
import { authorSubject, collectives } from '../../domain';
import { CollectiveIndex } from '../../read-models/collectives/collectives.projection';

/**
 * When identity erases a person: the key of everything they wrote is destroyed (their texts read
 * `[erased]` in the log, and in any rebuild), then each collective that knew them removes them,
 * drops what they wrote from its read models and withdraws their alumni ties (ErasePerson).
 * Idempotent: a redelivered event finds nothing left to erase.
 */
@Injectable()
export class ErasureHandler {
  constructor(
    private readonly commands: Commands,
    private readonly index: CollectiveIndex,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnIntegrationEvent(PersonErasedV1)
  async personErased(data: { personId: string }, event: { id: string }): Promise<void> {
    await this.index.ready;
    const now = this.clock().toISOString();
    const ctx = reactingTo(event, now, 'system');
    await this.keys.destroy(authorSubject(data.personId));
    for (const c of this.index.of(data.personId)) {
      await this.commands.handle(collectives, c.collectiveId, { type: 'ErasePerson', data: { personId: data.personId, by: 'system', now } }, ctx);
    }
  }
}
