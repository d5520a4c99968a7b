import { bolaSweep } from './bola.sweep';
import { coverageSweep } from './coverage.sweep';
import { ServiceSweepDeclaration, SweepFixture, SweepReport } from './declaration';
import { fuzzSeed, fuzzSweep } from './fuzz.sweep';
import { massAssignmentSweep } from './mass-assignment.sweep';
import { rebuildSweep } from './rebuild.sweep';
import { SweepContext, sweepContext } from './sweep-context';

export interface ServiceSweepsSetup<T extends { close(): Promise<void> }, F extends SweepFixture> {
  /** Starts the real service in-process (e.g. `startIdentity()`). */
  start(): Promise<T>;
  /** The service's declaration, given the started service. */
  declare(started: T): ServiceSweepDeclaration<F>;
  /** Print each sweep's notes (counts, seed) with console.log; default true. */
  print?: boolean;
}

const timeouts = { coverage: 60_000, bola: 120_000, massAssignment: 180_000, fuzz: 300_000, rebuild: 120_000 };

/**
 * The five sweeps as one jest `describe` block, in the order that makes sense (the rebuild runs
 * last, when the log holds what the others wrote). A service's spec is one call:
 *
 *   describeServiceSweeps('identity', { start: () => startIdentity(), declare: (t) => identitySweeps(t) });
 *
 * Each test fails with the full list of violations its sweep found.
 */
export function describeServiceSweeps<T extends { close(): Promise<void> }, F extends SweepFixture>(title: string, setup: ServiceSweepsSetup<T, F>): void {
  describe(`${title}: security and consistency sweeps`, () => {
    let started: T;
    let ctx: SweepContext<F>;
    const check = (report: SweepReport) => {
      if (setup.print !== false) console.log(`[sweep ${title} ${report.sweep}] ${report.requests} requests; ${report.notes.join('; ')}`);
      expect(report.failures).toEqual([]);
    };

    beforeAll(async () => {
      started = await setup.start();
      ctx = await sweepContext(setup.declare(started));
    }, 60_000);
    afterAll(() => started?.close());

    it('classifies every operation of the OpenAPI document (coverage)', async () => check(await coverageSweep(ctx)), timeouts.coverage);
    it("answers 404 to another tenant's ids on every path and method (BOLA)", async () => check(await bolaSweep(ctx)), timeouts.bola);
    it('refuses unknown and privileged body fields with 400 and writes nothing (mass assignment)', async () => check(await massAssignmentSweep(ctx)), timeouts.massAssignment);
    it(`answers fuzzed requests without a 5xx and stays healthy (fuzz, seed ${fuzzSeed()})`, async () => check(await fuzzSweep(ctx)), timeouts.fuzz);
    it('rebuilds every read model from the log equal to the live one (rebuild)', async () => check(await rebuildSweep(ctx)), timeouts.rebuild);
  });
}
