
export interface Shop {
  name: string;
  visits: number;
}

interface ShopEvent {
  type: string;
  data: unknown;
  subject: string;
}

/**
 * A small projection with creates, updates and deletes, for tests of the projector. Structurally a
 * DocumentProjection<Shop> (typed locally: @opn/projections' own tests import this lib).
 */
export const shopProjection = {
  name: 'test.shops',
  collection: 'shops',
  handles: ['ShopOpened', 'ShopRenamed', 'ShopVisited', 'ShopClosed'] as readonly string[],
  documentId: (e: ShopEvent): string | undefined => e.subject,
  apply: (doc: Shop | null, e: ShopEvent): Shop | null => {
    const data = e.data as { name?: string };
    switch (e.type) {
      case 'ShopOpened':
        return { name: data.name!, visits: 0 };
      case 'ShopRenamed':
        return doc && { ...doc, name: data.name! };
      case 'ShopVisited':
        return doc && { ...doc, visits: doc.visits + 1 };
      case 'ShopClosed':
        return null;
      default:
        return doc;
    }
  },
};
