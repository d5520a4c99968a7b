import { runRecoCommand } from './cli';

function run(argv: string[], files: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const code = runRecoCommand(argv, {
    readFile: (path) => {
      if (!(path in files)) throw new Error(`ENOENT: no such file '${path}'`);
      return files[path];
    },
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

// Two triangles joined by one tie, plus a tail.
const EDGES = 'source,target\na,b\nb,c\na,c\nc,d\nd,e\ne,f\nd,f\nf,g\n';

const rowsOf = (csv: string) =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));

describe('reco links', () => {
  it.each(['accurate', 'bridging'])('prints, in %s mode, for every node its K best new partners, best first, never a tie it has', (mode) => {
    const { code, stdout, stderr } = run(['links', '--edges', 'e.csv', '--top', '2', '--mode', mode], { 'e.csv': EDGES });
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('source,target,score');
    const rows = rowsOf(stdout);
    const ties = new Set(rowsOf(EDGES).flatMap(([s, t]) => [`${s}-${t}`, `${t}-${s}`]));
    const bySource = new Map<string, number[]>();
    for (const [s, t, score] of rows) {
      expect(s).not.toBe(t);
      expect(ties.has(`${s}-${t}`)).toBe(false);
      bySource.set(s, [...(bySource.get(s) ?? []), Number(score)]);
    }
    expect([...bySource.keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    for (const scores of bySource.values()) {
      expect(scores.length).toBeLessThanOrEqual(2);
      expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    }
    // c's best new partner shares a neighbour with it: d's other neighbours e or f.
    expect(['e', 'f']).toContain(rows.find(([s]) => s === 'c')![1]);
    expect(stderr).not.toMatch(/error/i);
  });

  it('gives the same output twice (seeded)', () => {
    const once = run(['links', '--edges', 'e.csv', '--top', '3'], { 'e.csv': EDGES }).stdout;
    expect(run(['links', '--edges', 'e.csv', '--top', '3'], { 'e.csv': EDGES }).stdout).toBe(once);
  });

  it('quotes ids that hold a comma or a quote', () => {
    const { stdout } = run(['links', '--edges', 'e.csv', '--top', '1'], { 'e.csv': 'source,target\n"x,1",y\ny,"z""q"\n' });
    expect(stdout).toContain('"x,1","z""q"');
  });

  it.each([
    ['no header', 'a,b\nb,c\n', /e\.csv line 1: missing header/],
    ['an unknown column', 'source,target,kind\na,b,x\n', /e\.csv line 1: unknown column "kind"/],
    ['a self-loop', 'source,target\na,b\nc,c\n', /e\.csv line 3: self-loop on "c"/],
    ['a duplicate edge', 'source,target\na,b\nb,c\nb,a\n', /e\.csv line 4: duplicate edge "b" - "a" \(already on line 2\)/],
    ['a bad weight', 'source,target,weight\na,b,-1\n', /e\.csv line 2: bad weight/],
    ['a missing field', 'source,target\na,b\nc\n', /e\.csv line 3: expected 2 fields, found 1/],
  ])('refuses %s with the line on stderr and exit code 2', (_, text, message) => {
    const { code, stdout, stderr } = run(['links', '--edges', 'e.csv', '--top', '2'], { 'e.csv': text });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it.each([
    [['links', '--edges', 'e.csv'], /missing --top/],
    [['links', '--edges', 'e.csv', '--top', '0'], /--top must be a whole number/],
    [['links', '--edges', 'e.csv', '--top', 'ten'], /--top must be a whole number/],
    [['links', '--edges', 'e.csv', '--top', '5', '--mode', 'fast'], /--mode must be accurate or bridging/],
    [['links', '--edges', 'nope.csv', '--top', '5'], /nope\.csv: cannot read the file/],
    [['link', '--edges', 'e.csv'], /unknown command "link"/],
    [['links', '--edges', 'e.csv', '--top', '5', '--groups', 'g.csv'], /unknown argument "--groups"/],
    [[], /missing command/],
  ])('refuses usage %j with exit code 2', (argv, message) => {
    const { code, stderr } = run(argv, { 'e.csv': EDGES });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('prints the usage on --help', () => {
    const { code, stdout } = run(['--help'], {});
    expect(code).toBe(0);
    expect(stdout).toContain('npm run -s reco -- links --edges EDGES.csv --top K [--mode accurate|bridging]');
  });
});

describe('reco eval', () => {
  it('prints precision, lift and crossing share for resource allocation, its variants and both modes', () => {
    const { code, stdout, stderr } = run(['eval', '--edges', 'train.csv', '--truth', 'test.csv', '--top', '2'], {
      'train.csv': EDGES,
      'test.csv': 'source,target\na,d\nc,e\nz,a\nb,c\n',
    });
    expect(code).toBe(0);
    const rows = rowsOf(stdout);
    expect(stdout.split('\n')[0]).toBe('method,precision_at_k,random_precision,lift,crossing_share,evaluated_nodes');
    expect(rows.map((r) => r[0])).toEqual(['resource-allocation', 'weighted-resource-allocation', 'resource-allocation-3hop', 'weighted-resource-allocation-3hop', 'accurate', 'bridging']);
    // a-d and c-e are measured (4 nodes); z-a has an end outside train; b-c is already linked.
    expect(stderr).toContain('4 truth pairs: 2 measured, 1 with an end not in train.csv, 1 already linked there');
    for (const r of rows) expect(r[5]).toBe('4');
    // c-e: e is two hops from c through d, so resource allocation finds it.
    expect(Number(rows[0][1])).toBeGreaterThan(0);
  });

  it('refuses a truth file with a duplicate pair, naming its line', () => {
    const { code, stderr } = run(['eval', '--edges', 'train.csv', '--truth', 'test.csv', '--top', '2'], { 'train.csv': EDGES, 'test.csv': 'source,target\na,d\nd,a\n' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/test\.csv line 3: duplicate edge/);
  });
});

describe('reco search', () => {
  const companies = [
    { id: 'c1', name: 'Atelier Martin', description: 'Soudure TIG et MIG de châssis acier', capabilities: ['soudage'], city: 'Lyon', lat: 45.76, lon: 4.84 },
    { id: 'c2', name: 'Fresh Cold Logistics', description: 'Refrigerated transport and warehousing', capabilities: ['cold chain'] },
    { id: 'c3', name: 'Studio Web', description: 'Création de sites internet et applications mobiles', offers: ['site vitrine'] },
  ]
    .map((c) => JSON.stringify(c))
    .join('\n');
  const needs = [
    { id: 'n1', title: 'Welding of steel frames', description: 'We need a welder for 200 frames' },
    { id: 'n2', title: 'Transport frigorifique', capabilities: ['chaîne du froid'] },
  ]
    .map((n) => JSON.stringify(n))
    .join('\n');

  it('ranks companies for each need across French and English, K rows per need', () => {
    const { code, stdout } = run(['search', '--companies', 'c.jsonl', '--needs', 'n.jsonl', '--top', '2'], { 'c.jsonl': companies, 'n.jsonl': needs });
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('need,company,rank,score');
    const rows = rowsOf(stdout);
    expect(rows.filter((r) => r[0] === 'n1').map((r) => r[2])).toEqual(['1', '2']);
    expect(rows.find((r) => r[0] === 'n1' && r[2] === '1')![1]).toBe('c1');
    expect(rows.find((r) => r[0] === 'n2' && r[2] === '1')![1]).toBe('c2');
  });

  it.each([
    ['a malformed line', `${companies}\n{"id": "c4", "name": `, /c\.jsonl line 4: malformed JSON/],
    ['an unknown field', `${companies}\n{"id":"c4","name":"X","siret":"1"}`, /c\.jsonl line 4: unknown field "siret"/],
    ['a missing name', `{"id":"c4"}`, /c\.jsonl line 1: "name" is required/],
    ['an id twice', `${companies}\n{"id":"c1","name":"Again"}`, /c\.jsonl line 4: id "c1" already on line 1/],
    ['capabilities that are not strings', `{"id":"c4","name":"X","capabilities":[1]}`, /"capabilities" must be a list of strings/],
    ['a latitude out of range', `{"id":"c4","name":"X","lat":120,"lon":3}`, /"lat" must be a number from -90 to 90/],
    ['an array instead of an object', `[1,2]`, /expected one JSON object/],
  ])('refuses %s in COMPANIES.jsonl with the line and exit code 2', (_, text, message) => {
    const { code, stdout, stderr } = run(['search', '--companies', 'c.jsonl', '--needs', 'n.jsonl', '--top', '2'], { 'c.jsonl': text, 'n.jsonl': needs });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('refuses a need without a title, naming its line', () => {
    const { code, stderr } = run(['search', '--companies', 'c.jsonl', '--needs', 'n.jsonl', '--top', '2'], { 'c.jsonl': companies, 'n.jsonl': `${needs}\n\n{"id":"n3"}` });
    expect(code).toBe(2);
    expect(stderr).toMatch(/n\.jsonl line 4: "title" is required/);
  });
});
