// Test helper (not a suite: jest runs *.unit.spec.ts; the build skips *.spec.ts).
import { OpennessReport } from './openness';

/** Same report: ids, degrees, counts and nulls exactly, numbers to 1e-9. */
export function expectSameReport(actual: OpennessReport, expected: OpennessReport): void {
  const close = (a: number | null, b: number | null, what: string) => {
    if (a === null || b === null) expect({ what, value: a }).toEqual({ what, value: b });
    else if (!(Math.abs(a - b) <= 1e-9)) throw new Error(`${what}: ${a} differs from ${b} by more than 1e-9`);
  };
  close(actual.ei, expected.ei, 'ei');
  expect(actual.groups.map((g) => [g.group, g.internal, g.external])).toEqual(expected.groups.map((g) => [g.group, g.internal, g.external]));
  actual.groups.forEach((g, k) => close(g.ei, expected.groups[k].ei, `ei of group ${g.group}`));
  expect(actual.nodes.map((n) => [n.id, n.degree])).toEqual(expected.nodes.map((n) => [n.id, n.degree]));
  actual.nodes.forEach((n, k) => {
    close(n.constraint, expected.nodes[k].constraint, `constraint of ${n.id}`);
    close(n.effectiveSize, expected.nodes[k].effectiveSize, `effective size of ${n.id}`);
  });
}
