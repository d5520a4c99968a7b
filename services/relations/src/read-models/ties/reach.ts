import { AggregateCell, ShownCell, ShownTotal, suppressSmallCells } from '../../domain';

/** What the reach needs of a tie: its two people and its kinds (never its note or dates). */
export interface ReachTie {
  people: readonly [string, string] | readonly string[];
  kinds: readonly string[];
}

/** Where a person's companies are: their sectors (NAF divisions) and départements. */
export interface PersonPlace {
  sectors: readonly string[];
  departements: readonly string[];
}

export interface ShownDimension {
  cells: ShownCell[];
  total: ShownTotal;
}

export interface Reach {
  /** Every tie counted once, with the people as defined below. */
  total: ShownTotal;
  byKind: ShownDimension;
  /** The sector of the contact's companies (`unknown` when relations knows none). */
  bySector: ShownDimension;
  /** The département of the contact's companies (`unknown` when relations knows none). */
  byDepartement: ShownDimension;
}

/** The key of a cell for a contact whose companies relations does not know. */
export const UNKNOWN = 'unknown';

type Tally = { ties: Set<number>; insiders: Set<string>; contacts: Set<string> };

/**
 * The aggregate reach of a group of people (a company's members, the people of a territory's
 * companies) over the ties the caller already selected (confirmed, and counting in this kind of
 * reach), through small-cell suppression with `k`.
 *
 * Each tie is read from each of its ends that belongs to the group (the insider) towards its
 * other end (the contact); a tie between two insiders is read both ways, but still counts once
 * in a cell's `ties`. A cell's `people` is the SMALLER of the distinct insiders and the distinct
 * contacts involved in it, so a shown cell never describes fewer than k people on either side
 * (neither "3 ties of one of our employees" nor "3 of our employees know the one person at X").
 * The total people use the same rule over all the counted ties. Only counts leave this function:
 * never names, ids nor companies.
 */
export function computeReach(ties: readonly ReachTie[], isInsider: (personId: string) => boolean, placeOf: (personId: string) => PersonPlace, k: number): Reach {
  const byKind = new Map<string, Tally>();
  const bySector = new Map<string, Tally>();
  const byDepartement = new Map<string, Tally>();
  const all: Tally = { ties: new Set(), insiders: new Set(), contacts: new Set() };
  const add = (dimension: Map<string, Tally>, key: string, tie: number, insider: string, contact: string) => {
    let tally = dimension.get(key);
    if (!tally) dimension.set(key, (tally = { ties: new Set(), insiders: new Set(), contacts: new Set() }));
    tally.ties.add(tie);
    tally.insiders.add(insider);
    tally.contacts.add(contact);
  };
  ties.forEach((tie, index) => {
    const [a, b] = tie.people;
    for (const [insider, contact] of [
      [a, b],
      [b, a],
    ] as const) {
      if (!isInsider(insider)) continue;
      all.ties.add(index);
      all.insiders.add(insider);
      all.contacts.add(contact);
      for (const kind of new Set(tie.kinds)) add(byKind, kind, index, insider, contact);
      const place = placeOf(contact);
      const sectors = place.sectors.length ? new Set(place.sectors) : [UNKNOWN];
      for (const sector of sectors) add(bySector, sector, index, insider, contact);
      const departements = place.departements.length ? new Set(place.departements) : [UNKNOWN];
      for (const departement of departements) add(byDepartement, departement, index, insider, contact);
    }
  });
  const peopleOf = (t: Tally) => Math.min(t.insiders.size, t.contacts.size);
  const totalPeople = peopleOf(all);
  const dimension = (tallies: Map<string, Tally>): ShownDimension => {
    const cells: AggregateCell[] = [...tallies.entries()]
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([key, t]) => ({ key, ties: t.ties.size, people: peopleOf(t) }));
    return suppressSmallCells(cells, k, totalPeople);
  };
  return {
    total: suppressSmallCells(all.ties.size ? [{ key: 'all', ties: all.ties.size, people: totalPeople }] : [], k, totalPeople).total,
    byKind: dimension(byKind),
    bySector: dimension(bySector),
    byDepartement: dimension(byDepartement),
  };
}
