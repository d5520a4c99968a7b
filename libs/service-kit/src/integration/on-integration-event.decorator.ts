import 'reflect-metadata';
import { EventContract, IntegrationEvent } from '@opn/contracts';

export const INTEGRATION_HANDLER = 'opn:integration-event-handler';

/** What a method decorated with `@OnIntegrationEvent(contract)` receives. */
export type IntegrationEventHandler<Data> = (data: Data, event: IntegrationEvent<string, Data>) => Promise<void> | void;

/**
 * Marks a method of a Nest provider as the handler of another service's integration event, named
 * by its contract (imported from the producer's contracts package): the data is typed and
 * validated against the contract's schema before the method runs; the topic comes from the
 * contract. Throw `PoisonMessageError` for an event no retry can fix (dead-lettered at once); any
 * other error is retried at most 5 times with back-off, then dead-lettered. Stackable: one method
 * may handle several contracts (for instance two versions of one event).
 */
export function OnIntegrationEvent<Data>(contract: EventContract<string, Data>) {
  return <M extends IntegrationEventHandler<Data>>(target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<M>) => {
    const method = descriptor.value!;
    const contracts: EventContract[] = Reflect.getMetadata(INTEGRATION_HANDLER, method) ?? [];
    Reflect.defineMetadata(INTEGRATION_HANDLER, [...contracts, contract], method);
    return descriptor;
  };
}

export const integrationContractsOf = (method: unknown): EventContract[] =>
  typeof method === 'function' ? ((Reflect.getMetadata(INTEGRATION_HANDLER, method) as EventContract[] | undefined) ?? []) : [];
