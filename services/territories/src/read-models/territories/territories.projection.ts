import { Injectable } from '@nestjs/common';
import { DocumentProjection, MemoryReadModel } from '@opn/projections';
import type { Territory, TerritoryDefinitionEvent } from '../../domain';
import { DEFAULT_ALERTS } from '../../domain';

/** A territory as its coordinators and the firms that may join it see it (its roster is in `memberships`). */
export type TerritoryView = Omit<Territory, 'status' | 'roster'> & { updatedAt: string };

const TERRITORY_EVENTS: TerritoryDefinitionEvent['type'][] = ['TerritoryCreated', 'TerritoryUpdated', 'CoordinatorAppointed', 'CoordinatorRemoved', 'AlertSettingsChanged'];

/** Pure fold of a territory's definition events (MongoDB `territories`, and the TerritoryIndex in memory). */
export const territoriesProjection: DocumentProjection<TerritoryView> = {
  name: 'territories.territories',
  collection: 'territories',
  handles: TERRITORY_EVENTS,
  documentId: (e) => (e.data as { territoryId: string }).territoryId,
  apply: (doc, recorded) => {
    const e = recorded as unknown as TerritoryDefinitionEvent;
    if (e.type === 'TerritoryCreated') {
      const d = e.data;
      return {
        territoryId: d.territoryId,
        name: d.name,
        ...(d.description ? { description: d.description } : {}),
        kind: d.kind,
        level: d.level,
        ...(d.parentId ? { parentId: d.parentId } : {}),
        perimeter: d.perimeter,
        coordinators: [],
        alerts: { ...DEFAULT_ALERTS },
        createdAt: d.at,
        updatedAt: d.at,
      };
    }
    if (!doc) return doc;
    switch (e.type) {
      case 'TerritoryUpdated': {
        const { description, ...changes } = e.data.changes;
        const next: TerritoryView = { ...doc, ...changes, updatedAt: e.data.at };
        if (description !== undefined) {
          if (description === '') delete next.description;
          else next.description = description;
        }
        return next;
      }
      case 'CoordinatorAppointed':
        return { ...doc, coordinators: [...doc.coordinators.filter((p) => p !== e.data.personId), e.data.personId].sort(), updatedAt: e.data.at };
      case 'CoordinatorRemoved':
        return { ...doc, coordinators: doc.coordinators.filter((p) => p !== e.data.personId), updatedAt: e.data.at };
      case 'AlertSettingsChanged':
        return { ...doc, alerts: { eiThreshold: e.data.eiThreshold, periodMonths: e.data.periodMonths }, updatedAt: e.data.at };
    }
  },
};

/**
 * Every territory in memory: the catalogue, the parent chain (a coordinator of a territory also
 * coordinates the territories nested in it) and who coordinates what.
 */
@Injectable()
export class TerritoryIndex extends MemoryReadModel<TerritoryView> {
  readonly projection = territoriesProjection;
  private readonly children = new Map<string, Set<string>>();

  protected changed(id: string, before: TerritoryView | undefined, after: TerritoryView | null): void {
    if (before?.parentId) this.children.get(before.parentId)?.delete(id);
    if (after?.parentId) {
      let set = this.children.get(after.parentId);
      if (!set) this.children.set(after.parentId, (set = new Set()));
      set.add(id);
    }
  }

  /** The territory and its ancestors, nearest first (a broken chain stops; a cycle cannot be created). */
  lineage(territoryId: string): TerritoryView[] {
    const out: TerritoryView[] = [];
    const seen = new Set<string>();
    for (let t = this.get(territoryId); t && !seen.has(t.territoryId); t = t.parentId ? this.get(t.parentId) : undefined) {
      seen.add(t.territoryId);
      out.push(t);
    }
    return out;
  }

  /** True when the person coordinates the territory or one it is nested in. */
  coordinates(personId: string, territoryId: string): boolean {
    return this.lineage(territoryId).some((t) => t.coordinators.includes(personId));
  }

  /** Territories nested directly in `territoryId`. */
  childrenOf(territoryId: string): string[] {
    return [...(this.children.get(territoryId) ?? [])].sort();
  }

  /** Every territory the person coordinates, directly or through a parent. */
  coordinatedBy(personId: string): TerritoryView[] {
    return [...this.values()].filter((t) => this.coordinates(personId, t.territoryId));
  }
}
