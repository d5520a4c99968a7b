// Small-cell suppression of published aggregates (counts of people and ties by some key), so that
// no number shown on a dashboard lets anyone single out fewer than k people. Moved here from
// relations' domain so that relations' reach and the territories dashboard share one rule.

export type AggregateCell = { key: string; ties: number; people: number };
export type ShownCell = { key: string; ties: number | null; people: number | null; suppressed: boolean };
export type ShownTotal = { ties: number | null; people: number | null; suppressed: boolean };

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/**
 * Small-cell suppression for one dimension of an aggregate (e.g. ties by kind), so that no
 * published number lets anyone single out fewer than `k` people:
 * - a cell counting fewer than `k` people is suppressed (null, never rounded);
 * - secondary suppression: while the suppressed cells hold between 1 and k-1 people in all,
 *   the smallest shown non-zero cell is suppressed too, so the total minus the shown cells
 *   cannot give a small cell away;
 * - the total (all cells' ties; `totalPeople` from the caller, since people overlap across
 *   cells) is suppressed when `totalPeople` < k, or when the suppressed cells still hold fewer
 *   than k people (only with inconsistent input: every cell suppressed but a large total);
 * - zero cells are left out.
 */
export function suppressSmallCells(
  cells: readonly AggregateCell[],
  k: number,
  totalPeople: number,
): { cells: ShownCell[]; total: ShownTotal } {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`);
  if (!isCount(totalPeople)) throw new Error(`totalPeople must be a count, got ${totalPeople}`);
  for (const c of cells) {
    if (!isCount(c.ties) || !isCount(c.people) || (c.ties === 0) !== (c.people === 0)) {
      throw new Error(`cell ${c.key}: ties and people must be counts, both zero or both positive`);
    }
  }
  const nonZero = cells.filter((c) => c.people > 0);
  const suppressed = new Set(nonZero.filter((c) => c.people < k));
  let suppressedPeople = [...suppressed].reduce((sum, c) => sum + c.people, 0);
  while (suppressedPeople > 0 && suppressedPeople < k) {
    const next = nonZero
      .filter((c) => !suppressed.has(c))
      .sort((a, b) => a.people - b.people || a.ties - b.ties || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))[0];
    if (!next) break;
    suppressed.add(next);
    suppressedPeople += next.people;
  }
  const totalTies = cells.reduce((sum, c) => sum + c.ties, 0);
  const totalSuppressed = totalPeople < k || (suppressedPeople > 0 && suppressedPeople < k);
  return {
    cells: nonZero.map((c) =>
      suppressed.has(c)
        ? { key: c.key, ties: null, people: null, suppressed: true }
        : { key: c.key, ties: c.ties, people: c.people, suppressed: false },
    ),
    total: totalSuppressed ? { ties: null, people: null, suppressed: true } : { ties: totalTies, people: totalPeople, suppressed: false },
  };
}
