import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from './formats';
import { ENVELOPE_SCHEMA, IntegrationEvent, wireName } from './envelope';

/** A public event: its wire name, its topic and the JSON Schema of its data. */
export interface EventContract<Type extends string = string, Data = unknown> {
  type: Type;
  version: number;
  topic: string;
  description: string;
  schema: Record<string, unknown>;
  /**
   * Dotted paths of `data` fields that are personal data. They travel sealed (`pii:v1:...`, see
   * docs/adr/0009-crypto-shredding.md) or as the erased placeholder, never in clear: a consumer
   * opens them only if it is listed among the producer's personal-data consumers.
   */
  sealedFields?: readonly string[];
  /** Type-level only: the TypeScript shape the schema describes. */
  readonly __data?: Data;
}

export const defineContract = <Data>() =>
  <Type extends string>(contract: Omit<EventContract<Type, Data>, '__data'>): EventContract<Type, Data> => contract;

export type DataOf<C> = C extends EventContract<string, infer D> ? D : never;

export class ContractViolation extends Error {
  constructor(
    message: string,
    readonly errors: ErrorObject[] = [],
  ) {
    super(message);
    this.name = 'ContractViolation';
  }
}

/** Validates envelopes and, for known (type, version) pairs, their data. */
export class ContractRegistry {
  private readonly ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
  private readonly envelope: ValidateFunction = this.ajv.compile(ENVELOPE_SCHEMA);
  private readonly byWireName = new Map<string, { contract: EventContract; validate: ValidateFunction }>();

  constructor(contracts: EventContract[] = []) {
    contracts.forEach((c) => this.register(c));
  }

  register(contract: EventContract): this {
    this.byWireName.set(wireName(contract.type, contract.version), { contract, validate: this.ajv.compile(contract.schema) });
    return this;
  }

  contracts(): EventContract[] {
    return [...this.byWireName.values()].map((v) => v.contract);
  }

  find(type: string, version: number): EventContract | undefined {
    return this.byWireName.get(wireName(type, version))?.contract;
  }

  /** Throws ContractViolation when the envelope is malformed or its data breaks a known schema. */
  validate(value: unknown): IntegrationEvent {
    if (!this.envelope(value)) {
      throw new ContractViolation(`malformed envelope: ${this.ajv.errorsText(this.envelope.errors)}`, this.envelope.errors ?? []);
    }
    const event = value as IntegrationEvent;
    const known = this.byWireName.get(wireName(event.type, event.version));
    if (known && !known.validate(event.data)) {
      throw new ContractViolation(
        `${wireName(event.type, event.version)} data: ${this.ajv.errorsText(known.validate.errors)}`,
        known.validate.errors ?? [],
      );
    }
    return event;
  }
}
