import { Injectable } from '@nestjs/common';
import { streamEntityId } from '@opn/kernel';
import { DocumentProjection, KeyedMemoryReadModel } from '@opn/projections';
import type { TieEvent, TieKind, TieStatus, TieVisibility } from '../../domain';

/**
 * A personal tie as its two people see it. The note stays sealed here (as in the raw log) and is
 * opened by the query, for the two people only, so destroying the tie's key erases it everywhere.
 */
export interface TieView {
  tieId: string;
  /** Sorted. */
  people: [string, string];
  proposedBy: string;
  status: Exclude<TieStatus, 'erased'>;
  kinds: TieKind[];
  strength: number;
  lastContactOn?: string;
  confirmedAt?: string;
  /** Each side's own choice (the other side has none until it confirms). */
  visibility: Record<string, TieVisibility>;
  /** `private` unless confirmed; then the narrower of the two sides' choices. */
  effective: TieVisibility;
  /** Sealed (`pii:v1:...`) or `[erased]`. */
  note?: string;
  createdAt: string;
  updatedAt: string;
}

const TIE_EVENTS: TieEvent['type'][] = ['TieDeclared', 'TieConfirmed', 'TieDeclined', 'TieUpdated', 'TieContactRecorded', 'TieVisibilityChanged', 'TieEnded', 'TieErased'];

/** Pure fold of a tie's stream into its view (MongoDB `ties`, and the TieIndex in memory); erasure removes it. */
export const tiesProjection: DocumentProjection<TieView> = {
  name: 'relations.ties',
  collection: 'ties',
  handles: TIE_EVENTS,
  documentId: (e) => streamEntityId(e.subject),
  apply: (doc, recorded) => {
    const e = recorded as unknown as TieEvent;
    if (e.type === 'TieDeclared') {
      // A new declaration (first, or after a decline or an end) starts the tie afresh.
      const d = e.data;
      return {
        tieId: d.tieId,
        people: d.people,
        proposedBy: d.by,
        status: 'proposed',
        kinds: d.kinds,
        strength: d.strength,
        ...(d.lastContactOn !== undefined ? { lastContactOn: d.lastContactOn } : {}),
        visibility: { [d.by]: d.visibility },
        effective: 'private',
        ...(d.note !== undefined ? { note: d.note } : {}),
        createdAt: doc?.createdAt ?? d.at,
        updatedAt: d.at,
      };
    }
    if (e.type === 'TieErased') return null;
    if (!doc) return null;
    const at = e.data.at;
    switch (e.type) {
      case 'TieConfirmed':
        return { ...doc, status: 'confirmed', visibility: { ...doc.visibility, [e.data.by]: e.data.visibility }, effective: e.data.effective, confirmedAt: at, updatedAt: at };
      case 'TieDeclined':
        return { ...doc, status: 'declined', updatedAt: at };
      case 'TieUpdated':
        return { ...doc, ...e.data.changes, updatedAt: at };
      case 'TieContactRecorded':
        return { ...doc, lastContactOn: e.data.on, updatedAt: at };
      case 'TieVisibilityChanged':
        return { ...doc, visibility: { ...doc.visibility, [e.data.by]: e.data.visibility }, effective: e.data.effective, updatedAt: at };
      case 'TieEnded':
        return { ...doc, status: 'ended', effective: 'private', updatedAt: at };
      default:
        return doc;
    }
  },
};

/** Every tie in memory, listed under its two people: a person's ties with exact totals, and the reach aggregates. */
@Injectable()
export class TieIndex extends KeyedMemoryReadModel<TieView> {
  readonly projection = tiesProjection;
  protected keysOf(view: TieView): readonly string[] {
    return view.people;
  }
}
