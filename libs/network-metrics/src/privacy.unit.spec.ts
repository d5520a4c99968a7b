// Moved with suppressSmallCells from services/relations/src/domain/tie/tie-visibility.unit.spec.ts.
import { AggregateCell, suppressSmallCells } from './privacy';
import { prng } from './reference.spec';

const cell = (key: string, ties: number, people: number): AggregateCell => ({ key, ties, people });
const shown = (key: string, ties: number, people: number) => ({ key, ties, people, suppressed: false });
const hidden = (key: string) => ({ key, ties: null, people: null, suppressed: true });

describe('suppressSmallCells', () => {
  it('shows every cell and the total when all are large enough', () => {
    expect(suppressSmallCells([cell('family', 6, 10), cell('hobby', 8, 12)], 5, 18)).toEqual({
      cells: [shown('family', 6, 10), shown('hobby', 8, 12)],
      total: { ties: 14, people: 18, suppressed: false },
    });
  });

  it('keeps a cell of exactly k people', () => {
    expect(suppressSmallCells([cell('family', 3, 5), cell('hobby', 4, 7)], 5, 10).cells).toEqual([shown('family', 3, 5), shown('hobby', 4, 7)]);
  });

  it('suppresses a small cell and, since it alone is small, the next smallest too', () => {
    expect(suppressSmallCells([cell('family', 2, 3), cell('hobby', 6, 9), cell('client', 5, 7), cell('partner', 20, 30)], 5, 40)).toEqual({
      cells: [hidden('family'), shown('hobby', 6, 9), hidden('client'), shown('partner', 20, 30)],
      total: { ties: 33, people: 40, suppressed: false },
    });
  });

  it('needs no secondary suppression when the small cells together reach k', () => {
    expect(suppressSmallCells([cell('family', 2, 3), cell('hobby', 1, 2), cell('partner', 20, 30)], 5, 33).cells).toEqual([
      hidden('family'),
      hidden('hobby'),
      shown('partner', 20, 30),
    ]);
  });

  it('suppresses as many cells as it takes', () => {
    const result = suppressSmallCells([cell('a', 1, 1), cell('b', 1, 1), cell('c', 3, 5), cell('d', 4, 6), cell('e', 9, 9)], 8, 15);
    // primary: a, b (2 people); + c (7) still < 8; + d (13)
    expect(result.cells).toEqual([hidden('a'), hidden('b'), hidden('c'), hidden('d'), shown('e', 9, 9)]);
    expect(result.total).toEqual({ ties: 18, people: 15, suppressed: false });
  });

  it('picks the smallest cell, by people then ties then key, for the secondary suppression', () => {
    const result = suppressSmallCells([cell('z', 9, 6), cell('y', 7, 6), cell('x', 7, 6), cell('small', 1, 2)], 5, 20);
    expect(result.cells).toEqual([shown('z', 9, 6), shown('y', 7, 6), hidden('x'), hidden('small')]);
  });

  it('leaves zero cells out', () => {
    expect(suppressSmallCells([cell('family', 0, 0), cell('hobby', 6, 9)], 5, 9).cells).toEqual([shown('hobby', 6, 9)]);
  });

  it('suppresses the total when fewer than k people are counted', () => {
    expect(suppressSmallCells([cell('family', 2, 2), cell('hobby', 1, 2)], 5, 3)).toEqual({
      cells: [hidden('family'), hidden('hobby')],
      total: { ties: null, people: null, suppressed: true },
    });
    expect(suppressSmallCells([], 5, 0)).toEqual({ cells: [], total: { ties: null, people: null, suppressed: true } });
  });

  it('suppresses the total when every cell is hidden and they still hold fewer than k people', () => {
    // inconsistent input (people overlap cannot make the total larger than the sum), still safe
    expect(suppressSmallCells([cell('family', 2, 3)], 5, 9).total).toEqual({ ties: null, people: null, suppressed: true });
  });

  it('shows the total with k = 1 and no cell hidden', () => {
    expect(suppressSmallCells([cell('family', 1, 1)], 1, 1)).toEqual({ cells: [shown('family', 1, 1)], total: { ties: 1, people: 1, suppressed: false } });
  });

  it('refuses inconsistent input', () => {
    expect(() => suppressSmallCells([cell('family', 2, 3)], 0, 3)).toThrow(/k must be/);
    expect(() => suppressSmallCells([cell('family', 2, 3)], 5, -1)).toThrow(/totalPeople/);
    expect(() => suppressSmallCells([cell('family', 2, 0)], 5, 3)).toThrow(/family/);
    expect(() => suppressSmallCells([cell('family', 1.5, 3)], 5, 3)).toThrow(/family/);
  });

  describe('over random inputs', () => {
    it('never shows a small cell nor lets the total give one away', () => {
      // Seeded, so a failure is reproducible.
      const random = prng(20261130);
      const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
      let secondary = 0;
      for (let run = 0; run < 2000; run++) {
        const k = int(1, 12);
        const cells = Array.from({ length: int(0, 11) }, (_, i) => {
          const people = random() < 0.15 ? 0 : int(1, 3 * k);
          return cell(`kind-${i}`, people === 0 ? 0 : int(Math.ceil(people / 2), people * 3), people);
        });
        const sum = cells.reduce((s, c) => s + c.people, 0);
        const max = cells.reduce((m, c) => Math.max(m, c.people), 0);
        const totalPeople = int(max, sum); // people overlap: between the largest cell and the sum
        const result = suppressSmallCells(cells, k, totalPeople);
        const context = JSON.stringify({ run, k, cells, totalPeople, result });
        const byKey = new Map(cells.map((c) => [c.key, c]));

        // zero cells left out, order kept, shown values exact, hidden values null
        expect(result.cells.map((c) => c.key)).toEqual(cells.filter((c) => c.people > 0).map((c) => c.key));
        for (const c of result.cells) {
          const original = byKey.get(c.key)!;
          if (c.suppressed) expect([c.ties, c.people]).toEqual([null, null]);
          else {
            expect([c.ties, c.people]).toEqual([original.ties, original.people]);
            if (original.people < k) throw new Error(`small cell shown: ${context}`);
          }
        }
        const hiddenCells = result.cells.filter((c) => c.suppressed).map((c) => byKey.get(c.key)!);
        const hiddenPeople = hiddenCells.reduce((s, c) => s + c.people, 0);
        if (hiddenCells.some((c) => c.people >= k)) secondary++;

        if (totalPeople < k) expect(result.total).toEqual({ ties: null, people: null, suppressed: true });
        if (!result.total.suppressed) {
          const shownTies = result.cells.reduce((s, c) => s + (c.ties ?? 0), 0);
          const gap = result.total.ties! - shownTies;
          const hiddenTies = hiddenCells.reduce((s, c) => s + c.ties, 0);
          expect(gap).toBe(hiddenTies);
          if (!(gap === 0 || hiddenPeople >= k)) throw new Error(`total gives a small cell away: ${context}`);
          expect(result.total.people).toBe(totalPeople);
        }
      }
      expect(secondary).toBeGreaterThan(50); // the inputs do exercise the secondary suppression
    });
  });
});
