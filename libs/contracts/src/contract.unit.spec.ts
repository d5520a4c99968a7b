import { ContractRegistry, ContractViolation, defineContract } from './contract';
import { IntegrationEvent } from './envelope';

const Greeted = defineContract<{ name: string }>()({
  type: 'demo.Greeted',
  version: 1,
  topic: 'demo.greeting',
  description: 'someone was greeted',
  schema: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 } }, additionalProperties: false },
});

const envelope = (over: Partial<IntegrationEvent> = {}): IntegrationEvent => ({
  id: 'e1',
  type: 'demo.Greeted',
  version: 1,
  source: 'demo',
  subject: 'g1',
  position: 3,
  occurredAt: '2026-11-24T10:00:00.000Z',
  data: { name: 'Ada' },
  ...over,
});

describe('ContractRegistry', () => {
  const registry = new ContractRegistry([Greeted]);

  it('accepts a well-formed event of a known contract', () => {
    expect(registry.validate(envelope())).toEqual(envelope());
  });

  it('rejects data that breaks the schema', () => {
    expect(() => registry.validate(envelope({ data: { name: '' } }))).toThrow(ContractViolation);
    expect(() => registry.validate(envelope({ data: { name: 'a', extra: 1 } }))).toThrow(/demo.Greeted.v1 data/);
  });

  it('rejects malformed envelopes', () => {
    expect(() => registry.validate({ ...envelope(), id: undefined })).toThrow(/malformed envelope/);
    expect(() => registry.validate(envelope({ occurredAt: 'yesterday' }))).toThrow(/malformed envelope/);
    expect(() => registry.validate(envelope({ type: 'NoService' }))).toThrow(/malformed envelope/);
    expect(() => registry.validate('{}')).toThrow(ContractViolation);
  });

  it('lets unknown types and versions through with a valid envelope (consumers ignore what they do not handle)', () => {
    expect(registry.validate(envelope({ type: 'demo.Other', data: 42 })).type).toBe('demo.Other');
    expect(registry.validate(envelope({ version: 2, data: {} })).version).toBe(2);
  });
});
