import { deterministicId, newEventId, newId } from './uuid';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ids', () => {
  it('makes version-4 entity ids and version-7 event ids', () => {
    expect(UUID.exec(newId())?.[1]).toBe('4');
    expect(UUID.exec(newEventId())?.[1]).toBe('7');
  });

  it('orders event ids by creation time and keeps them unique', () => {
    const ids: string[] = [];
    for (let i = 0; i < 2000; i++) ids.push(newEventId());
    expect(new Set(ids).size).toBe(ids.length);
    const first = ids[0].replace(/-/g, '').slice(0, 12);
    const last = ids[ids.length - 1].replace(/-/g, '').slice(0, 12);
    expect(parseInt(last, 16)).toBeGreaterThanOrEqual(parseInt(first, 16));
    expect(Math.abs(parseInt(first, 16) - Date.now())).toBeLessThan(5000);
  });

  it('derives the same version-5 id from the same name, another from another', () => {
    expect(deterministicId('ns', 'a', 'b')).toBe(deterministicId('ns', 'a', 'b'));
    expect(deterministicId('ns', 'a', 'b')).not.toBe(deterministicId('ns', 'ab'));
    expect(UUID.exec(deterministicId('ns', 'x'))?.[1]).toBe('5');
  });
});
