import { IntegrationEvent } from '@opn/contracts';
import { RecordedEvent, streamCategory, streamEntityId } from '@opn/kernel';
import { OutboundMapper } from '@opn/messaging';

/** Publishes `order-*` streams' events on `topic`; `secret-*` streams stay private. */
export const orderMapper =
  (topic: string): OutboundMapper =>
  (e: RecordedEvent) => {
    if (streamCategory(e.streamId) !== 'order') return null;
    const event: IntegrationEvent = {
      id: e.id,
      type: `test.${e.type}`,
      version: e.version,
      source: 'test',
      subject: streamEntityId(e.streamId),
      position: e.position,
      occurredAt: e.occurredAt.toISOString(),
      data: e.data,
    };
    return { topic, event };
  };
