import { DocumentProjection } from '@opn/projections';

export interface Shop {
  name: string;
  visits: number;
}

/** A small projection with creates, updates and deletes, for reliability tests of the projector. */
export const shopProjection: DocumentProjection<Shop> = {
  name: 'test.shops',
  collection: 'shops',
  handles: ['ShopOpened', 'ShopRenamed', 'ShopVisited', 'ShopClosed'],
  documentId: (e) => e.subject,
  apply: (doc, e) => {
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
