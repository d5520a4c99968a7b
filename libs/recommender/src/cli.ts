// The logic of `npm run -s reco -- ...` (tools/reco.ts), with its I/O passed in so that it runs in
// process in the tests: stdout gets only the CSV, stderr the progress and the messages.
import { NetworkInputError } from '@opn/network-metrics';
import type { CommandIo } from '@opn/network-metrics';
import { edgesGraph, evaluateLinks, holdOutTruth, LinkEvaluation } from './links/evaluate';
import { learnLinkModel, LINK_MODES, LinkMethod, LinkMode, recommendLinks } from './links/links';
import { SIMPLE_SCORERS } from './links/scorers';
import { parseCompaniesJsonl, parseNeedsJsonl } from './search/jsonl';
import { PartnerIndex } from './search/partner-index';


export const RECO_USAGE = `Usage:
  npm run -s reco -- links --edges EDGES.csv --top K [--mode accurate|bridging]
      prints CSV source,target,score: for every node, its K best new partners (not already linked), best first
  npm run -s reco -- eval --edges TRAIN.csv --truth TEST.csv --top K
      prints CSV method,precision_at_k,random_precision,lift,crossing_share,evaluated_nodes: resource
      allocation, its simple variants and each mode, side by side
  npm run -s reco -- search --companies COMPANIES.jsonl --needs NEEDS.jsonl --top K
      prints CSV need,company,rank,score: K companies per need, best first (when fewer match the
      need, the other companies follow at score 0 in file order)

  EDGES.csv, TRAIN.csv, TEST.csv: header source,target or source,target,weight; undirected; no self-loop,
  no pair twice; weight 1 when absent, else finite and > 0. TEST.csv pairs with an end not in
  TRAIN.csv, or already linked in it, are left out of the measure (counted on stderr).
  --seed N   seed of the hidden slices the modes learn on (default 1)

Exit codes: 0 ok, 2 bad input or usage (message on stderr, with the file and line), 1 unexpected failure.
Definitions: libs/recommender/README.md
`;

export const EXIT_BAD_INPUT = 2;

class UsageError extends Error {}

const COMMANDS: Record<string, { required: string[]; optional: string[] }> = {
  links: { required: ['--edges', '--top'], optional: ['--mode', '--seed'] },
  eval: { required: ['--edges', '--truth', '--top'], optional: ['--seed'] },
  search: { required: ['--companies', '--needs', '--top'], optional: [] },
};

function parseOptions(command: string, rest: readonly string[]): Record<string, string> {
  const spec = COMMANDS[command];
  const known = [...spec.required, ...spec.optional];
  const options: Record<string, string> = {};
  for (let k = 0; k < rest.length; k++) {
    const arg = rest[k];
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!known.includes(name)) throw new UsageError(`unknown argument ${JSON.stringify(arg)} for ${command}`);
    const value = eq > 0 ? arg.slice(eq + 1) : rest[++k];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    if (options[name] !== undefined) throw new UsageError(`${name} given twice`);
    options[name] = value;
  }
  for (const name of spec.required) if (options[name] === undefined) throw new UsageError(`missing ${name}`);
  return options;
}

function positiveInt(options: Record<string, string>, name: string, fallback?: number): number {
  const raw = options[name];
  if (raw === undefined && fallback !== undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 1_000_000) throw new UsageError(`${name} must be a whole number from 1 to 1000000, not ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Shortest decimal that reads back as the same double, without an exponent for ordinary values. */
const num = (x: number): string => (Number.isInteger(x) ? String(x) : Number(x.toPrecision(10)).toString());

export function runRecoCommand(argv: readonly string[], io: CommandIo): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(RECO_USAGE);
    return 0;
  }
  const [command, ...rest] = argv;
  try {
    if (command === undefined) throw new UsageError('missing command');
    if (!COMMANDS[command]) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    const options = parseOptions(command, rest);
    const read = (name: string): string => {
      const path = options[name];
      try {
        return io.readFile(path);
      } catch (e) {
        throw new NetworkInputError(`cannot read the file: ${e instanceof Error ? e.message : String(e)}`, path);
      }
    };
    const top = positiveInt(options, '--top');
    const seed = positiveInt(options, '--seed', 1);
    const progress = (message: string): void => io.stderr(`reco: ${message}\n`);
    if (command === 'links') {
      const mode = (options['--mode'] ?? 'accurate') as LinkMode;
      if (!LINK_MODES.includes(mode)) throw new UsageError(`--mode must be accurate or bridging, not ${JSON.stringify(mode)}`);
      const graph = edgesGraph(read('--edges'), options['--edges']);
      const model = learnLinkModel(graph, { top, seed, progress });
      const recs = recommendLinks(graph, mode, { top, seed, progress }, model);
      const lines: string[] = ['source,target,score'];
      for (let u = 0; u < graph.ids.length; u++) {
        const source = csvField(graph.ids[u]);
        const t = recs.targets[u];
        for (let k = 0; k < t.length; k++) lines.push(`${source},${csvField(graph.ids[t[k]])},${num(recs.scores[u][k])}`);
      }
      io.stdout(`${lines.join('\n')}\n`);
      return 0;
    }
    if (command === 'eval') {
      const train = edgesGraph(read('--edges'), options['--edges']);
      const truthGraph = edgesGraph(read('--truth'), options['--truth']);
      const { truth, measured, outside, known } = holdOutTruth(train, truthGraph);
      progress(`${truthGraph.edgeCount} truth pairs: ${measured} measured, ${outside} with an end not in ${options['--edges']}, ${known} already linked there`);
      const model = learnLinkModel(train, { top, seed, progress });
      const methods: LinkMethod[] = [...SIMPLE_SCORERS, ...LINK_MODES];
      const lines = ['method,precision_at_k,random_precision,lift,crossing_share,evaluated_nodes'];
      const results: [LinkMethod, LinkEvaluation][] = [];
      for (const method of methods) {
        const recs = recommendLinks(train, method, { top, seed }, model);
        const r = evaluateLinks(train, truth, recs, model.community, top);
        results.push([method, r]);
        lines.push(`${method},${r.precision.toFixed(5)},${r.randomPrecision.toExponential(4)},${r.lift.toFixed(1)},${r.crossing.toFixed(4)},${r.evaluatedNodes}`);
      }
      io.stdout(`${lines.join('\n')}\n`);
      return 0;
    }
    const companies = parseCompaniesJsonl(read('--companies'), options['--companies']);
    const needs = parseNeedsJsonl(read('--needs'), options['--needs']);
    const index = new PartnerIndex();
    companies.forEach((c, i) => {
      index.upsert(c);
      if ((i + 1) % 5000 === 0) progress(`indexed ${i + 1}/${companies.length} companies`);
    });
    const lines = ['need,company,rank,score'];
    for (const need of needs) {
      const hits = index.search(need, top).map((h) => ({ id: h.id, score: h.score }));
      // K rows per need: when fewer companies match, the others follow at score 0, in file order.
      const listed = new Set(hits.map((h) => h.id));
      for (let i = 0; i < companies.length && hits.length < top; i++) if (!listed.has(companies[i].id)) hits.push({ id: companies[i].id, score: 0 });
      hits.forEach((hit, r) => lines.push(`${csvField(need.id)},${csvField(hit.id)},${r + 1},${num(hit.score)}`));
    }
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`reco: ${e.message}\n\n${RECO_USAGE}`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof NetworkInputError) {
      io.stderr(`reco: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
}
