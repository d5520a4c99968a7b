import { Injectable } from '@nestjs/common';
import type { IntegrationEvent } from '@opn/contracts';
import { SYSTEM_ACTOR } from '@opn/kernel';
import { NeedClosedV1 } from '@opn/relations-contracts';
import { Commands, OnIntegrationEvent } from '@opn/service-kit';
import { RelationKind, relationIdOf, relations } from '../../domain';

/**
 * An agreement on a need creates or strengthens the relation between the publisher and the
 * partner. Relations consumes its own public NeedClosed, so the relation changes once the need's
 * outcome is in the log; RecordAgreement is idempotent by needId, so a redelivery changes nothing.
 * The outcome's relationKind is what the partner is to the publisher, as for a proposal by the publisher.
 */
@Injectable()
export class NeedAgreements {
  constructor(private readonly commands: Commands) {}

  @OnIntegrationEvent(NeedClosedV1)
  async onNeedClosed(data: NeedClosedV1, event: IntegrationEvent<string, NeedClosedV1>): Promise<void> {
    if (data.outcome !== 'agreement' || !data.partnerCompanyId || !data.relationKind) return;
    const kind = data.relationKind as RelationKind;
    const relationId = relationIdOf(data.companyId, data.partnerCompanyId, kind);
    await this.commands.handle(
      relations,
      relationId,
      { type: 'RecordAgreement', data: { relationId, companies: [data.companyId, data.partnerCompanyId], kind, needId: data.needId, by: 'system', now: data.closedAt } },
      { now: data.closedAt, correlationId: event.correlationId ?? event.id, causationId: event.id, actor: SYSTEM_ACTOR },
    );
  }
}
