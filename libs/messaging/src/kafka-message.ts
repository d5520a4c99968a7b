import { IntegrationEvent, wireName } from '@opn/contracts';
import { CORRELATION_HEADER } from '@opn/kernel';
import { Message } from 'kafkajs';

/** Envelope as value, CloudEvents binary-mode attributes as headers, subject as key. */
export const toKafkaMessage = (event: IntegrationEvent): Message => ({
  key: event.subject,
  value: JSON.stringify(event),
  headers: {
    ce_specversion: '1.0',
    ce_id: event.id,
    ce_type: wireName(event.type, event.version),
    ce_source: event.source,
    ce_subject: event.subject,
    ce_time: event.occurredAt,
    'content-type': 'application/json',
    // The same header name as over HTTP, so a proxy or a tool can follow one id across hops.
    ...(event.correlationId ? { [CORRELATION_HEADER]: event.correlationId } : {}),
  },
});
