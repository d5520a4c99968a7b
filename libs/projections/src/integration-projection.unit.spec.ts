import { IntegrationEvent, defineContract } from '@opn/contracts';
import { fromIntegrationEvent, integrationProjection, on, topicsOf } from './integration-projection';
import { streamKey } from './integration-projector';

const schema = { type: 'object' };
const OpenedV1 = defineContract<{ name: string }>()({ type: 'shop.Opened', version: 1, topic: 'shop.shop', description: 'test', schema });
const OpenedV2 = defineContract<{ title: string }>()({ type: 'shop.Opened', version: 2, topic: 'shop.shop', description: 'test', schema });
const Rated = defineContract<{ shopId: string; stars: number }>()({ type: 'review.Rated', version: 1, topic: 'review.rating', description: 'test', schema });

const shops = integrationProjection<{ name: string; stars: number[] }>({
  name: 'shops',
  collection: 'shops',
  documentId: (e) => (e.type === 'review.Rated.v1' ? (e.data as { shopId: string }).shopId : e.subject),
  handlers: [
    on(OpenedV1, (doc, data) => ({ stars: [], ...doc, name: data.name })),
    on(OpenedV2, (doc, data) => ({ stars: [], ...doc, name: data.title })),
    on(Rated, (doc, data) => (doc ? { ...doc, stars: [...doc.stars, data.stars] } : null)),
  ],
});

const { apply: fold } = shops;

const envelope = (type: string, version: number, data: unknown, subject = 's1'): IntegrationEvent => ({
  id: `${type}-${version}`,
  type,
  version,
  source: type.split('.')[0],
  subject,
  position: 7,
  occurredAt: '2026-11-30T10:00:00.000Z',
  data,
});

describe('integrationProjection', () => {
  it('handles wire names, so two versions of one event are two handlers', () => {
    expect(shops.handles).toEqual(['shop.Opened.v1', 'shop.Opened.v2', 'review.Rated.v1']);
    const v1 = fromIntegrationEvent(envelope('shop.Opened', 1, { name: 'Atelier' }));
    const v2 = fromIntegrationEvent(envelope('shop.Opened', 2, { title: 'Atelier 2' }));
    expect(fold(null, v1)).toEqual({ name: 'Atelier', stars: [] });
    expect(fold({ name: 'Atelier', stars: [5] }, v2)).toEqual({ name: 'Atelier 2', stars: [5] });
  });

  it('routes each event to its document, by subject unless told otherwise', () => {
    const rated = fromIntegrationEvent(envelope('review.Rated', 1, { shopId: 's9', stars: 4 }, 'review-1'));
    expect(shops.documentId(rated)).toBe('s9');
    expect(shops.documentId(fromIntegrationEvent(envelope('shop.Opened', 1, { name: 'x' }, 's3')))).toBe('s3');
    expect(fold({ name: 'x', stars: [] }, rated)).toEqual({ name: 'x', stars: [4] });
  });

  it('keeps the source of the event, the log its position belongs to', () => {
    expect(fromIntegrationEvent(envelope('review.Rated', 1, {}))).toMatchObject({ source: 'review', type: 'review.Rated.v1', position: 7 });
  });

  it('subscribes to the topics of its contracts, once each', () => {
    expect(topicsOf([shops]).sort()).toEqual(['review.rating', 'shop.shop']);
  });

  it('refuses two handlers for one contract', () => {
    expect(() =>
      integrationProjection({ name: 'twice', collection: 'twice', handlers: [on(OpenedV1, () => ({})), on(OpenedV1, () => ({}))] }),
    ).toThrow(/two handlers/);
  });
});

describe('streamKey', () => {
  it('makes a MongoDB field name of any source and subject (no dots, no dollar)', () => {
    expect(streamKey('identity', 'c1')).toBe('identity:c1');
    expect(streamKey('a.b', '$x.y')).toBe('a%2Eb:%24x%2Ey');
    expect(streamKey('a', '%2E')).not.toBe(streamKey('a', '.'));
  });
});
