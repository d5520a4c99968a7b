// The logic of `npm run -s network -- ...` (tools/network.ts), with its I/O passed in so that it
// runs in process in the tests: stdout gets only the JSON report, stderr the messages.
import { graphFromCsv } from './csv';
import { NetworkInputError } from './errors';
import { openness } from './openness';

export interface CommandIo {
  /** Reads a whole file as UTF-8 (throws when it cannot). */
  readFile(path: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const NETWORK_USAGE = `Usage: npm run -s network -- openness --edges EDGES.csv --groups GROUPS.csv

Prints one JSON object on stdout:
  {"ei": E-I index of the whole graph over the groups,
   "groups": [{"group", "internal", "external", "ei"}],
   "nodes": [{"id", "degree", "constraint", "effectiveSize"}]}

  EDGES.csv   header source,target or source,target,weight (undirected; weight 1 when absent, else finite and > 0)
  GROUPS.csv  header node,group; may list nodes without edges; every edge endpoint must be listed

Exit codes: 0 ok, 2 bad input or usage (message on stderr), 1 unexpected failure.
Definitions: libs/network-metrics/README.md
`;

/** Exit code 2: bad input or usage. */
export const EXIT_BAD_INPUT = 2;

export function runNetworkCommand(argv: readonly string[], io: CommandIo): number {
  const usageError = (message: string): number => {
    io.stderr(`network: ${message}\n\n${NETWORK_USAGE}`);
    return EXIT_BAD_INPUT;
  };
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(NETWORK_USAGE);
    return 0;
  }
  const [command, ...rest] = argv;
  if (command === undefined) return usageError('missing command');
  if (command !== 'openness') return usageError(`unknown command ${JSON.stringify(command)}`);
  const options: Record<string, string> = {};
  for (let k = 0; k < rest.length; k++) {
    const arg = rest[k];
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name !== '--edges' && name !== '--groups') return usageError(`unknown argument ${JSON.stringify(arg)}`);
    const value = eq > 0 ? arg.slice(eq + 1) : rest[++k];
    if (value === undefined || value === '') return usageError(`${name} needs a file name`);
    if (options[name] !== undefined) return usageError(`${name} given twice`);
    options[name] = value;
  }
  for (const name of ['--edges', '--groups']) if (options[name] === undefined) return usageError(`missing ${name} FILE`);

  const read = (path: string): string | undefined => {
    try {
      return io.readFile(path);
    } catch (e) {
      io.stderr(`network: cannot read ${path}: ${e instanceof Error ? e.message : String(e)}\n`);
      return undefined;
    }
  };
  const edges = read(options['--edges']);
  if (edges === undefined) return EXIT_BAD_INPUT;
  const groups = read(options['--groups']);
  if (groups === undefined) return EXIT_BAD_INPUT;
  try {
    const input = graphFromCsv({ edges, groups, edgesFile: options['--edges'], groupsFile: options['--groups'] });
    io.stdout(`${JSON.stringify(openness(input.graph, input.groups))}\n`);
    return 0;
  } catch (e) {
    if (e instanceof NetworkInputError) {
      io.stderr(`network: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
}
