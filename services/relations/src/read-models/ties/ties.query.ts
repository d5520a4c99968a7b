import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, PersonalDataCipher, UnavailableError } from '@opn/kernel';
import { MONGO, PROJECTOR_FIELDS, Page, PageQuery, pageOf } from '@opn/service-kit';
import type { Connection } from 'mongoose';
import { Viewer } from '../../access/access';
import { TieKind, TieStatus, TieVisibility, canSeeTie, isDormant } from '../../domain';
import { TieIndex, TieView, tiesProjection } from './ties.projection';

/** A tie as one of its two people reads it: everything, the note opened (or `[erased]`). */
export type OwnTieView = Omit<TieView, 'note'> & { note?: string; dormant: boolean };

/** A tie as anyone else reads it (confirmed and open to members only): no note, no per-side choices. */
export interface MemberTieView {
  tieId: string;
  people: [string, string];
  status: TieStatus;
  kinds: TieKind[];
  strength: number;
  lastContactOn?: string;
  confirmedAt?: string;
  effective: TieVisibility;
  dormant: boolean;
  updatedAt: string;
}

export interface TieFilters {
  status?: TieStatus;
  kind?: TieKind;
  dormant?: boolean;
}

const newestFirst = (a: TieView, b: TieView) => (a.updatedAt === b.updatedAt ? a.tieId.localeCompare(b.tieId) : a.updatedAt < b.updatedAt ? 1 : -1);

/**
 * Personal ties. The two people see their tie whatever its status (note opened); anyone else sees
 * it only when confirmed and open to members (without the note); to everyone else it does not
 * exist: the same 404 as an unknown id. No role widens this (aggregates only, see reach).
 */
@Injectable()
export class TiesQuery {
  constructor(
    @Inject(MONGO) private readonly mongo: Connection,
    private readonly index: TieIndex,
    private readonly cipher: PersonalDataCipher,
  ) {}

  private ready(): void {
    if (!this.index.caughtUp) throw new UnavailableError('ties are still loading; retry in a few seconds');
  }

  /** The tie as this viewer may see it (404 `tie not found` otherwise, the same as an unknown id). */
  async visible(tieId: string, viewer: Viewer, now: string, dormantAfterDays: number): Promise<OwnTieView | MemberTieView> {
    const doc = await this.mongo.collection<TieView & { _id: string }>(tiesProjection.collection).findOne({ _id: tieId }, { projection: PROJECTOR_FIELDS });
    if (!doc || !canSeeTie(doc, viewer)) throw new NotFoundError('tie not found');
    return this.shown(doc, viewer, now, dormantAfterDays);
  }

  /** The tie if the viewer is one of its two people (404 otherwise), for the history. */
  async own(tieId: string, viewer: Viewer): Promise<TieView> {
    const doc = await this.mongo.collection<TieView & { _id: string }>(tiesProjection.collection).findOne({ _id: tieId }, { projection: PROJECTOR_FIELDS });
    if (!doc || !doc.people.includes(viewer.personId)) throw new NotFoundError('tie not found');
    return doc;
  }

  /** A person's ties as the viewer may see them, newest change first, filtered: totals count only those. */
  async ofPerson(personId: string, viewer: Viewer, filters: TieFilters, page: PageQuery, now: string, dormantAfterDays: number): Promise<Page<OwnTieView | MemberTieView>> {
    this.ready();
    const matching = this.index
      .entriesFor(personId)
      .map(([, view]) => view)
      .filter((t) => canSeeTie(t, viewer))
      .filter((t) => (!filters.status || t.status === filters.status) && (!filters.kind || t.kinds.includes(filters.kind)))
      .filter((t) => filters.dormant === undefined || (t.status === 'confirmed' && isDormant(t, now, dormantAfterDays)) === filters.dormant)
      .sort(newestFirst);
    const from = (page.page - 1) * page.limit;
    const items = await Promise.all(matching.slice(from, from + page.limit).map((t) => this.shown(t, viewer, now, dormantAfterDays)));
    return pageOf(items, matching.length, page);
  }

  /** Every tie of these people (the reach aggregates and the erasure), from memory. */
  tiesOf(personIds: Iterable<string>): TieView[] {
    this.ready();
    const out = new Map<string, TieView>();
    for (const p of personIds) for (const [id, view] of this.index.entriesFor(p)) out.set(id, view);
    return [...out.values()];
  }

  private async shown(doc: TieView, viewer: Viewer, now: string, dormantAfterDays: number): Promise<OwnTieView | MemberTieView> {
    const dormant = doc.status === 'confirmed' && isDormant(doc, now, dormantAfterDays);
    if (doc.people.includes(viewer.personId)) {
      const { note, ...rest } = doc;
      return { ...rest, ...(note !== undefined ? { note: String(await this.cipher.open(note)) } : {}), dormant };
    }
    return {
      tieId: doc.tieId,
      people: doc.people,
      status: doc.status,
      kinds: doc.kinds,
      strength: doc.strength,
      ...(doc.lastContactOn !== undefined ? { lastContactOn: doc.lastContactOn } : {}),
      ...(doc.confirmedAt !== undefined ? { confirmedAt: doc.confirmedAt } : {}),
      effective: doc.effective,
      dormant,
      updatedAt: doc.updatedAt,
    };
  }
}
