import { EventContract, IntegrationEvent, wireName } from '@opn/contracts';
import { DocumentProjection, IndexSpec, ProjectedEvent } from './projection';

/** One handler of a Kafka-fed read model: typed by the producing service's contract. */
export interface ContractHandler<Doc extends object, Data = unknown> {
  contract: EventContract<string, Data>;
  apply: (document: Doc | null, data: Data, event: ProjectedEvent<Data>) => Doc | null;
}

/**
 * A read model fed by other services' integration events: a `DocumentProjection` whose `handles`
 * are wire names (`identity.CompanyRegistered.v1`), so two versions of one event are two handlers,
 * plus the contracts it reads (which give the topics to subscribe to and the schemas to validate).
 */
export interface IntegrationProjection<Doc extends object = Record<string, unknown>> extends DocumentProjection<Doc> {
  contracts: readonly EventContract[];
}

/** Builds the handler entry with `data` typed from the contract (`on(CompanyRegisteredV1, (doc, data) => ...)`). */
export const on = <Doc extends object, Data>(
  contract: EventContract<string, Data>,
  apply: (document: Doc | null, data: Data, event: ProjectedEvent<Data>) => Doc | null,
): ContractHandler<Doc, Data> => ({ contract, apply });

export interface IntegrationProjectionDefinition<Doc extends object> {
  name: string;
  collection: string;
  /** Which document an event touches; default: the event's subject (the source aggregate id). */
  documentId?: (event: ProjectedEvent) => string | undefined;
  // Each handler has its own Data type; the array can only be typed by their common erasure.
  handlers: ReadonlyArray<ContractHandler<Doc, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  indexes?: IndexSpec[];
}

/** A pure fold over integration events, usable by `KafkaProjectionRunner` and by tests alike. */
export function integrationProjection<Doc extends object>(definition: IntegrationProjectionDefinition<Doc>): IntegrationProjection<Doc> {
  const byWireName = new Map(definition.handlers.map((h) => [wireName(h.contract.type, h.contract.version), h]));
  if (byWireName.size !== definition.handlers.length) throw new Error(`${definition.name}: two handlers for one contract`);
  return {
    name: definition.name,
    collection: definition.collection,
    handles: [...byWireName.keys()],
    contracts: definition.handlers.map((h) => h.contract),
    indexes: definition.indexes,
    documentId: definition.documentId ?? ((event) => event.subject),
    apply: (document, event) => {
      const handler = byWireName.get(event.type);
      return handler ? handler.apply(document, event.data, event) : document;
    },
  };
}

/**
 * An integration event as a projection sees it: `type` is the versioned wire name and `source`
 * tells which service's log `position` belongs to.
 */
export interface SourcedEvent<Data = unknown> extends ProjectedEvent<Data> {
  source: string;
}

export const fromIntegrationEvent = (event: IntegrationEvent): SourcedEvent => ({
  id: event.id,
  type: wireName(event.type, event.version),
  version: event.version,
  data: event.data,
  position: event.position,
  subject: event.subject,
  occurredAt: event.occurredAt,
  source: event.source,
});

/** Topics a set of projections reads, from their contracts. */
export const topicsOf = (projections: ReadonlyArray<IntegrationProjection<object>>): string[] => [
  ...new Set(projections.flatMap((p) => p.contracts.map((c) => c.topic))),
];
