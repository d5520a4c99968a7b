import { MAX_BODY_DEPTH, bodyShapeProblem } from './validation';

describe('bodyShapeProblem', () => {
  const nested = (depth: number) => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

  it('accepts ordinary bodies and scalars', () => {
    expect(bodyShapeProblem({ legalName: 'x', address: { city: 'Lyon' }, tags: ['a', 'b'] })).toBeUndefined();
    expect(bodyShapeProblem(null)).toBeUndefined();
    expect(bodyShapeProblem(nested(MAX_BODY_DEPTH))).toBeUndefined();
  });

  it('refuses a __proto__ key at any depth, naming where', () => {
    expect(bodyShapeProblem(JSON.parse('{"__proto__":{"role":"company_admin"}}'))).toEqual({ field: '__proto__', message: 'property __proto__ should not exist' });
    expect(bodyShapeProblem(JSON.parse('{"address":{"__proto__":{}}}'))?.field).toBe('address.__proto__');
  });

  it('refuses nesting past the limit without overflowing the stack itself', () => {
    expect(bodyShapeProblem(nested(MAX_BODY_DEPTH + 1))?.message).toBe(`nested deeper than ${MAX_BODY_DEPTH} levels`);
    expect(bodyShapeProblem(JSON.parse('['.repeat(30000) + ']'.repeat(30000)))?.field).toBe('0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0');
  });
});
