// `npm run -s import-members -- --territory ID --file members.csv [--dry-run] [--url URL]`:
// imports a territory's member list (CSV: siren,name[,contact][,groups]) through the territories
// service, with a progress bar on stderr. The token is OPN_TOKEN (a coordinator's access token
// from identity's sign-in). A dry run reports every bad row and what would change, writing
// nothing; a real import writes all rows or none, and running it again changes nothing.
// Exit codes: 0 done, 2 bad rows or bad arguments (nothing written), 1 anything else.
import { progressReporter } from '@opn/projections';

export interface ImportIo {
  readFile: (path: string) => string;
  fetch: typeof fetch;
  stdout: (text: string) => void;
  stderr: NodeJS.WriteStream | { write: (text: string) => boolean; isTTY?: boolean };
  token: string | undefined;
  sleep?: (ms: number) => Promise<void>;
}

interface Job {
  importId: string;
  state: 'checking' | 'writing' | 'done' | 'failed';
  rows: { total: number; checked: number };
  errors: Array<{ line: number; reason: string }>;
  changes?: { added: number; updated: number; unchanged: number };
  written?: number;
}

export const IMPORT_USAGE = 'Usage: npm run -s import-members -- --territory ID --file members.csv [--dry-run] [--url http://127.0.0.1:3003]   (token: OPN_TOKEN)\n';

function args(argv: readonly string[]): { territory: string; file: string; dryRun: boolean; url: string } | string {
  const out = { territory: '', file: '', dryRun: false, url: process.env.TERRITORIES_URL ?? 'http://127.0.0.1:3003' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dry-run') out.dryRun = true;
    else if (a === '--territory' || a === '--file' || a === '--url') {
      const v = argv[++i];
      if (!v) return `${a} needs a value`;
      if (a === '--territory') out.territory = v;
      else if (a === '--file') out.file = v;
      else out.url = v.replace(/\/+$/, '');
    } else return `unknown argument ${a}`;
  }
  if (!out.territory || !out.file) return '--territory and --file are required';
  return out;
}

/** Runs the command; returns the exit code. */
export async function runImportMembers(argv: readonly string[], io: ImportIo): Promise<number> {
  const sleep = io.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const parsed = args(argv);
  if (typeof parsed === 'string') {
    io.stderr.write(`import-members: ${parsed}\n${IMPORT_USAGE}`);
    return 2;
  }
  if (!io.token) {
    io.stderr.write(`import-members: set OPN_TOKEN to a coordinator's access token\n${IMPORT_USAGE}`);
    return 2;
  }
  let csv: string;
  try {
    csv = io.readFile(parsed.file);
  } catch (e) {
    io.stderr.write(`import-members: cannot read ${parsed.file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const headers = {
    'content-type': 'application/json',
    authorization: `Bearer ${io.token}`,
  };
  const base = `${parsed.url}/territories/${parsed.territory}`;
  const res = await io.fetch(`${base}/imports`, { method: 'POST', headers, body: JSON.stringify({ csv, dryRun: parsed.dryRun }) });
  const body = (await res.json().catch(() => ({}))) as Job & { error?: { message: string; details?: Array<{ field: string; message: string }> } };
  if (!res.ok) {
    const details = body.error?.details?.map((d) => ` ${d.field}: ${d.message}`).join(';') ?? '';
    io.stderr.write(`import-members: ${res.status} ${body.error?.message ?? res.statusText}${details}\n`);
    return res.status >= 400 && res.status < 500 ? 2 : 1;
  }
  let job: Job = body;
  const report = progressReporter(parsed.dryRun ? 'checking' : 'importing', io.stderr as NodeJS.WriteStream, 'rows');
  const startedAt = Date.now();
  // Checking the rows is the first half of the bar, writing them the second.
  const show = (j: Job) => {
    const total = Math.max(1, j.rows.total);
    const done = j.state === 'done' || j.state === 'failed' ? 2 * total : j.state === 'writing' ? total : j.rows.checked;
    report({ done, total: 2 * total, events: j.rows.checked, startedAt });
  };
  show(job);
  const location = res.headers.get('location');
  while (job.state === 'checking' || job.state === 'writing') {
    await sleep(200);
    const poll = await io.fetch(`${parsed.url}${location ?? `/territories/${parsed.territory}/imports/${job.importId}`}`, { headers });
    if (!poll.ok) {
      io.stderr.write(`import-members: progress: ${poll.status}\n`);
      return 1;
    }
    job = (await poll.json()) as Job;
    show(job);
  }
  for (const e of job.errors) io.stderr.write(`${parsed.file} line ${e.line}: ${e.reason}\n`);
  const c = job.changes ?? { added: 0, updated: 0, unchanged: 0 };
  if (job.state === 'failed') {
    io.stderr.write(`import-members: ${job.errors.length} bad row(s) of ${job.rows.total}: nothing was written\n`);
    return 2;
  }
  io.stdout(
    `${parsed.dryRun ? 'dry run: would add' : 'added'} ${c.added}, ${parsed.dryRun ? 'update' : 'updated'} ${c.updated}, unchanged ${c.unchanged} of ${job.rows.total} rows; ${job.written ?? 0} event(s) written\n`,
  );
  return 0;
}
