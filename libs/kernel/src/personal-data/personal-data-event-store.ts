import { NewEvent, RecordedEvent } from '../event';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store';
import { SubjectKey } from './key-store';
import { PersonalDataCipher } from './personal-data-cipher';

/**
 * The EventStore port with crypto-shredding: personal fields (per the cipher's policy) are sealed
 * on append and opened on every read path (readStream, readAll, subscribeToAll), so deciders,
 * handlers and local projections see clear values, or `ERASED` once the subject's key is destroyed.
 *
 * `raw` is the store underneath, holding only sealed values: give it to whatever copies events
 * out of the service (the Kafka relay), so that what leaves carries ciphertext, never plaintext.
 */
export class PersonalDataEventStore<Inner extends EventStore = EventStore> implements EventStore {
  readonly kind: string;

  constructor(
    readonly raw: Inner,
    readonly cipher: PersonalDataCipher,
  ) {
    this.kind = `${raw.kind}+personal-data`;
  }

  async appendToStream(streamId: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    const keys = new Map<string, SubjectKey | undefined>();
    const sealed: NewEvent[] = [];
    for (const e of events) sealed.push({ ...e, data: await this.cipher.seal(e.type, e.data, keys) });
    const result = await this.raw.appendToStream(streamId, sealed, options);
    return { ...result, events: await this.openEvents(result.events, keys) };
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.openEvents(await this.raw.readStream(streamId, options));
  }

  streamRevision(streamId: string): Promise<number> {
    return this.raw.streamRevision(streamId);
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.openEvents(await this.raw.readAll(options));
  }

  headPosition(): Promise<number> {
    return this.raw.headPosition();
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const { onEvent, onBatch } = options;
    return this.raw.subscribeToAll({
      ...options,
      onEvent: onEvent && (async (e) => onEvent((await this.openEvents([e]))[0])),
      onBatch: onBatch && (async (events) => onBatch(await this.openEvents(events))),
    });
  }

  ping(): Promise<void> {
    return this.raw.ping();
  }

  /** Closes the store underneath (the key store has its own lifecycle). */
  close(): Promise<void> {
    return this.raw.close();
  }

  private async openEvents(events: RecordedEvent[], keys = new Map<string, SubjectKey | undefined>()): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    for (const e of events) out.push({ ...e, data: await this.cipher.open(e.data, keys) });
    return out;
  }
}
