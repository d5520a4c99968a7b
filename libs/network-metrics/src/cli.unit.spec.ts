import { runNetworkCommand } from './cli';

/** Runs the command in process over in-memory files; returns its exit code and outputs. */
function run(argv: string[], files: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const code = runNetworkCommand(argv, {
    readFile: (path) => {
      if (!(path in files)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return files[path];
    },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

const GROUPS = 'node,group\na,A\nb,A\nc,B\n';
const openness = (edges: string, groups = GROUPS) => run(['openness', '--edges', 'E.csv', '--groups', 'G.csv'], { 'E.csv': edges, 'G.csv': groups });

describe('network openness (in process)', () => {
  it('prints only the JSON report on stdout', () => {
    const r = openness('source,target\na,b\nb,c\n');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.endsWith('}\n')).toBe(true);
    const report = JSON.parse(r.stdout);
    expect(report.ei).toBe(0);
    expect(report.groups).toEqual([
      { group: 'A', internal: 1, external: 1, ei: 0 },
      { group: 'B', internal: 0, external: 1, ei: 1 },
    ]);
    expect(report.nodes.map((n: { id: string; degree: number }) => [n.id, n.degree])).toEqual([['a', 1], ['b', 2], ['c', 1]]);
  });

  it('accepts --name=value, a BOM, CRLF, quoted ids with commas and quotes, columns in any order', () => {
    const groups = '\uFEFFgroup,node\r\n"G, one","x,1"\r\nG2,"say ""hi"""\r\n';
    const edges = '\uFEFFtarget,weight,source\r\n"say ""hi""",2.5,"x,1"\r\n';
    const r = run(['openness', '--edges=E.csv', '--groups=G.csv'], { 'E.csv': edges, 'G.csv': groups });
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.nodes.map((n: { id: string }) => n.id)).toEqual(['say "hi"', 'x,1']);
    expect(report.groups.map((g: { group: string }) => g.group)).toEqual(['G, one', 'G2']);
  });

  it('--help prints the usage on stdout', () => {
    const r = run(['--help'], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: npm run -s network -- openness --edges EDGES.csv --groups GROUPS.csv');
    expect(r.stderr).toBe('');
  });

  const bad: [string, string[], Record<string, string>, string][] = [
    ['no command', [], {}, 'network: missing command'],
    ['an unknown command', ['closeness'], {}, 'network: unknown command "closeness"'],
    ['an unknown option', ['openness', '--edges', 'E.csv', '--groups', 'G.csv', '--x'], {}, 'network: unknown argument "--x"'],
    ['a missing --groups', ['openness', '--edges', 'E.csv'], {}, 'network: missing --groups FILE'],
    ['an option without value', ['openness', '--edges'], {}, 'network: --edges needs a file name'],
    ['an unreadable file', ['openness', '--edges', 'nope.csv', '--groups', 'G.csv'], { 'G.csv': GROUPS }, "network: cannot read nope.csv: ENOENT: no such file or directory, open 'nope.csv'"],
  ];
  it.each(bad)('usage error: %s', (_what, argv, files, message) => {
    const r = run(argv, files);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(message);
  });

  const badFiles: [string, string, string, string][] = [
    ['an empty edges file', '', GROUPS, 'E.csv line 1: missing header: the file is empty (expected source,target[,weight])'],
    ['an edges file without header', 'a,b\n', GROUPS, 'E.csv line 1: missing header: expected source,target[,weight], found "a,b"'],
    ['an unknown edges column', 'source,target,kind\na,b,x\n', GROUPS, 'E.csv line 1: unknown column "kind" in the header (expected source,target[,weight])'],
    ['a missing edges column', 'source,weight\na,1\n', GROUPS, 'E.csv line 1: missing column "target" in the header (expected source,target[,weight])'],
    ['a column twice', 'source,target,target\na,b,c\n', GROUPS, 'E.csv line 1: column "target" twice in the header'],
    ['a groups file without header', 'source,target\na,b\n', 'a,A\nb,A\n', 'G.csv line 1: missing header: expected node,group, found "a,A"'],
    ['an unknown groups column', 'source,target\na,b\n', 'node,group,colour\na,A,red\n', 'G.csv line 1: unknown column "colour" in the header (expected node,group)'],
    ['a row of the wrong width', 'source,target\na,b,c\n', GROUPS, 'E.csv line 2: expected 2 fields, found 3'],
    ['an empty source', 'source,target\n,b\n', GROUPS, 'E.csv line 2: empty source id'],
    ['an empty target', 'source,target\na,""\n', GROUPS, 'E.csv line 2: empty target id'],
    ['an empty node id', 'source,target\na,b\n', 'node,group\n,A\n', 'G.csv line 2: empty node id'],
    ['an empty group', 'source,target\na,b\n', 'node,group\na,\n', 'G.csv line 2: empty group for node "a"'],
    ['a self-loop', 'source,target\na,b\n\nc,c\n', GROUPS, 'E.csv line 4: self-loop on "c"'],
    ['a weight that is not a number', 'source,target,weight\na,b,heavy\n', GROUPS, 'E.csv line 2: bad weight "heavy": must be a finite number > 0'],
    ['a zero weight', 'source,target,weight\na,b,0\n', GROUPS, 'E.csv line 2: bad weight "0": must be a finite number > 0'],
    ['a negative weight', 'source,target,weight\na,b,-1\n', GROUPS, 'E.csv line 2: bad weight "-1": must be a finite number > 0'],
    ['an infinite weight', 'source,target,weight\na,b,1e999\n', GROUPS, 'E.csv line 2: bad weight "1e999": must be a finite number > 0'],
    ['an empty weight', 'source,target,weight\na,b,\n', GROUPS, 'E.csv line 2: bad weight "": must be a finite number > 0'],
    ['a duplicate edge', 'source,target\na,b\nb,c\nb,a\n', GROUPS, 'E.csv line 4: duplicate edge "b" - "a" (already on line 2)'],
    ['an endpoint missing from the groups', 'source,target\na,b\nb,d\n', GROUPS, 'E.csv line 3: node "d" is not in G.csv'],
    ['a node with two groups', 'source,target\na,b\n', 'node,group\na,A\nb,A\na,B\n', 'G.csv line 4: node "a" listed twice with two groups: "A" on line 2 and "B"'],
    ['an unterminated quote', 'source,target\n"a,b\n', GROUPS, 'E.csv line 2: unterminated quoted field'],
    ['text after a closing quote', 'source,target\n"a"x,b\n', GROUPS, 'E.csv line 2: unexpected "x" after a closing quote'],
    ['a stray quote', 'source,target\na"a,b\n', GROUPS, 'E.csv line 2: a quote inside an unquoted field (quote the whole field and double the quote)'],
  ];
  it.each(badFiles)('bad file: %s', (_what, edges, groups, message) => {
    const r = openness(edges, groups);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `network: ${message}\n` });
  });

  it('a node listed twice with the same group is accepted', () => {
    expect(openness('source,target\na,b\n', 'node,group\na,A\nb,A\na,A\n').code).toBe(0);
  });

  it('line numbers count the line breaks inside quoted ids', () => {
    const r = openness('source,target\n"a\nb",c\nc,c\n', 'node,group\n"a\nb",A\nc,B\n');
    expect(r.stderr).toBe('network: E.csv line 4: self-loop on "c"\n');
  });
});
