// Row of QUALITY.md: "coordinator dashboard, 2,000 firms and 20,000 ties: p95 <= 100 ms".
//
// The real thing end to end: the territories service in this process (startInProcess, its own
// event store and database, against the run's Kafka and FerretDB), fed the way production feeds
// it: identity's and relations' integration events produced on their topics in the relay's
// envelope (validated against the contracts), consumed by the service's Kafka-fed read models and
// mirrored in memory (NetworkIndex). The territory is created, its coordinator appointed and its
// 2,000 members imported over HTTP (POST /territories/{id}/imports), then the coordinator asks
// GET /territories/{id}/dashboard over loopback HTTP, sequentially, for now and past dates.
//
// The generated territory (seeded PRNG): 2,000 companies over ~40 NAF divisions and 60 towns
// (Zipf-like), registered over the past 18 months; 1-5 people per firm; 20,000 company relations
// activated over the past 12 months, mostly within a sector or a town (a few sectors almost only
// within: closed circles and alerts), some later suspended or ended; 20,000 personal ties
// (visibility territory) between people of different firms; 1,500 needs with interests,
// introductions and some agreements (which activate relations). The import is dated 13 months
// back (the service's clock is moved back for the set-up only), so that the monthly series and
// the past dates have members.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { Agent, IncomingHttpHeaders, request } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportSPKI, generateKeyPair } from 'jose';
import { TokenSigner } from '@opn/auth';
import { ContractRegistry, EventContract, IntegrationEvent } from '@opn/contracts';
import { CompanyMemberJoinedV1, CompanyRegisteredV1, IDENTITY_CONTRACTS, PersonRegisteredV1, PlatformRoleChangedV1 } from '@opn/identity-contracts';
import { consumerGroupLag, createKafka, ensureTopics, toKafkaMessage } from '@opn/messaging';
import {
  NeedClosedV1,
  NeedPublishedV1,
  NeedStepV1,
  RELATIONS_CONTRACTS,
  RelationActivatedV1,
  RelationKind,
  RelationStatusChangedV1,
  TieKind,
  TieVisibleV1,
} from '@opn/relations-contracts';
import { BenchConfig, Row, fmtRate, latencyRow, log, percentile, pick, prng, scaled, sleep } from './lib';

const DAY = 24 * 3600 * 1000;
const MONTH = 30.44 * DAY;

/** NAF divisions (the sector of a firm: the first two digits of its NAF code). */
const DIVISIONS = [
  '25', '28', '62', '46', '43', '41', '10', '22', '33', '71', '70', '47', '49', '52', '20', '24', '27', '29', '16', '31',
  '13', '14', '17', '18', '21', '23', '26', '30', '32', '35', '38', '42', '45', '55', '56', '58', '63', '69', '73', '74',
];
/** Sectors whose firms relate almost only among themselves: closed circles. */
const CLOSED_SECTORS = new Set(['46', '41', '22', '16']);
const SIZE_BANDS = ['1-9', '10-49', '0', '50-249', '250-4999', '5000+'] as const;
const DEPARTEMENTS = ['69', '42', '01', '38', '71'];
const LABELS = ['mécanique', 'numérique', 'export', 'agro', 'bois', 'textile', 'santé', 'bâtiment'];
const RELATION_KINDS: RelationKind[] = ['partner', 'client', 'supplier', 'subcontractor', 'co_contractor'];
const TIE_KINDS: TieKind[] = ['former_colleagues', 'classmates', 'association', 'hobby', 'family', 'home_region', 'client', 'partner'];

/** Index in [0, n) with P(i) proportional to 1 / (i + 1). */
function zipf(rnd: () => number, n: number): number {
  const target = rnd() * (Math.log(n) + 0.5772);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += 1 / (i + 1);
    if (sum >= target) return i;
  }
  return n - 1;
}

/** A version-4-shaped UUID from the PRNG (the generated territory is the same in every run). */
function uuid(rnd: () => number): string {
  const h = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16));
  h[12] = '4';
  h[16] = '89ab'[Math.floor(rnd() * 4)];
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** A SIREN with a valid Luhn key: 8 digits from `n`, then the check digit. */
function siren(n: number): string {
  const base = String(10_000_000 + (n % 90_000_000)).padStart(8, '0');
  for (let c = 0; c <= 9; c++) {
    const s = base + c;
    const sum = [...s].map(Number).reduce((a, d, i) => a + (i % 2 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
    if (sum % 10 === 0) return s;
  }
  throw new Error('no check digit');
}

const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => iso(ms).slice(0, 10);
const b64 = (n: number) => randomBytes(n).toString('base64url');

interface Town {
  name: string;
  postalCode: string;
  departement: string;
}

interface Firm {
  companyId: string;
  siren: string;
  name: string;
  sector: string;
  town: number;
  registeredAt: number;
  groups: string[];
  people: Person[];
  related: Firm[];
}

interface Person {
  personId: string;
  firm: Firm;
  joinedAt: number;
}

/** One event to publish: its contract, subject, business time and data. */
interface Planned {
  contract: EventContract;
  subject: string;
  at: number;
  data: unknown;
}

export interface Territory {
  firms: Firm[];
  people: Person[];
  identity: Planned[];
  relations: Planned[];
  /** Relations active now between two member firms (= distinct pairs: one relation per pair). */
  activeRelations: number;
  counts: { relations: number; ties: number; needs: number; agreements: number; ended: number; suspended: number };
}

/** The generated territory, every instant before `now`. */
export function generateTerritory(config: BenchConfig, now: number): Territory {
  const rnd = prng(2026);
  const nFirms = scaled(config, 2000, 50);
  const nRelations = scaled(config, 20_000, 200);
  const nTies = scaled(config, 20_000, 200);
  const nNeeds = scaled(config, 1500, 20);
  const towns: Town[] = Array.from({ length: 60 }, (_, i) => {
    const departement = DEPARTEMENTS[i % DEPARTEMENTS.length];
    return { name: `Commune ${String.fromCharCode(65 + (i % 26))}${i}`, postalCode: `${departement}${String(100 + i * 13).padStart(3, '0')}`, departement };
  });
  const identity: Planned[] = [];
  const relations: Planned[] = [];

  const firms: Firm[] = [];
  const people: Person[] = [];
  for (let i = 0; i < nFirms; i++) {
    const sectorIndex = zipf(rnd, DIVISIONS.length);
    const sector = DIVISIONS[sectorIndex];
    const town = zipf(rnd, towns.length);
    const registeredAt = now - rnd() * 18 * MONTH;
    const groups = new Set<string>();
    if (rnd() < 0.6) groups.add(LABELS[sectorIndex % LABELS.length]);
    if (rnd() < 0.2) groups.add(pick(rnd, LABELS));
    const firm: Firm = { companyId: uuid(rnd), siren: siren(1_000_003 * (i + 7)), name: `Firme ${i} ${sector}`, sector, town, registeredAt, groups: [...groups], people: [], related: [] };
    firms.push(firm);
    const t = towns[town];
    identity.push({
      contract: CompanyRegisteredV1,
      subject: firm.companyId,
      at: registeredAt,
      data: {
        companyId: firm.companyId,
        legalName: firm.name,
        siren: firm.siren,
        nafCode: `${sector}.${String(zipf(rnd, 30)).padStart(2, '0')}${'ZABC'[Math.floor(rnd() * 4)]}`,
        sizeBand: SIZE_BANDS[zipf(rnd, SIZE_BANDS.length)],
        address: { line1: `${i + 1} rue de l'Industrie`, postalCode: t.postalCode, city: t.name, country: 'FR' },
        description: `Firme ${i}`,
        capabilities: [],
        offers: [],
        registeredAt: iso(registeredAt),
      } satisfies CompanyRegisteredV1,
    });
    const staff = 1 + Math.floor(rnd() * 5);
    for (let k = 0; k < staff; k++) {
      const personId = uuid(rnd);
      const joinedAt = k === 0 ? registeredAt : registeredAt + rnd() * (now - registeredAt);
      const person: Person = { personId, firm, joinedAt };
      firm.people.push(person);
      people.push(person);
      identity.push({
        contract: PersonRegisteredV1,
        subject: personId,
        at: joinedAt - 1000,
        data: { personId, displayName: `pii:v1:${personId}:${b64(12)}:${b64(16)}:${b64(24)}`, locale: 'fr', registeredAt: iso(joinedAt - 1000) } satisfies PersonRegisteredV1,
      });
      identity.push({
        contract: CompanyMemberJoinedV1,
        subject: firm.companyId,
        at: joinedAt,
        data: { companyId: firm.companyId, personId, role: k === 0 ? 'company_admin' : 'member', joinedAt: iso(joinedAt) } satisfies CompanyMemberJoinedV1,
      });
    }
  }
  const bySector = new Map<string, Firm[]>();
  const byTown = new Map<number, Firm[]>();
  for (const f of firms) {
    bySector.set(f.sector, [...(bySector.get(f.sector) ?? []), f]);
    byTown.set(f.town, [...(byTown.get(f.town) ?? []), f]);
  }
  const yearAgo = now - 12 * MONTH;
  /** A time in [max(from, a year ago), now). */
  const after = (from: number) => {
    const start = Math.max(from, yearAgo);
    return start + rnd() * (now - start);
  };
  /** A partner for `a`: mostly of its sector or its town (nearly always its sector in a closed one). */
  const partnerOf = (a: Firm): Firm => {
    const closed = CLOSED_SECTORS.has(a.sector);
    const r = rnd();
    const sameSector = closed ? 0.96 : 0.45;
    if (r < sameSector) return pick(rnd, bySector.get(a.sector)!);
    for (let tries = 0; ; tries++) {
      const b = r < sameSector + 0.35 * (1 - sameSector) * 2 ? pick(rnd, byTown.get(a.town)!) : pick(rnd, firms);
      // Others seldom reach into a closed sector either.
      if (closed || !CLOSED_SECTORS.has(b.sector) || tries >= 10 || rnd() < 0.1) return b;
    }
  };
  // Firms with many relations and firms with few: the first in a random order are picked more often.
  const skewed = () => firms[Math.floor(rnd() ** 1.6 * firms.length)];
  const pairs = new Set<string>();
  const counts = { relations: 0, ties: 0, needs: 0, agreements: 0, ended: 0, suspended: 0 };
  let activeRelations = 0;
  const relate = (a: Firm, b: Firm, activatedAt: number, needId?: string): boolean => {
    if (a === b || counts.relations >= nRelations) return false;
    const companies = [a.companyId, b.companyId].sort() as [string, string];
    const key = companies.join('|');
    if (pairs.has(key)) return false;
    pairs.add(key);
    counts.relations++;
    a.related.push(b);
    b.related.push(a);
    const relationId = uuid(rnd);
    relations.push({
      contract: RelationActivatedV1,
      subject: relationId,
      at: activatedAt,
      data: {
        relationId,
        companies,
        kind: needId ? 'partner' : pick(rnd, RELATION_KINDS),
        startsOn: day(activatedAt),
        origin: needId ? 'agreement' : 'confirmation',
        ...(needId ? { needId } : {}),
        activatedAt: iso(activatedAt),
      } satisfies RelationActivatedV1,
    });
    const r = rnd();
    if (r < 0.12) {
      const status = r < 0.08 ? 'ended' : 'suspended';
      const changedAt = activatedAt + rnd() * (now - activatedAt);
      counts[status]++;
      relations.push({
        contract: RelationStatusChangedV1,
        subject: relationId,
        at: changedAt,
        data: { relationId, status, byCompanyId: a.companyId, ...(status === 'ended' ? { endsOn: day(changedAt) } : {}), changedAt: iso(changedAt) } satisfies RelationStatusChangedV1,
      });
    } else activeRelations++;
    return true;
  };

  for (let i = 0; i < nNeeds; i++) {
    const c = skewed();
    const needId = uuid(rnd);
    const publishedAt = after(c.registeredAt);
    counts.needs++;
    relations.push({
      contract: NeedPublishedV1,
      subject: needId,
      at: publishedAt,
      data: {
        needId,
        companyId: c.companyId,
        title: `Besoin ${i}`,
        description: `Recherche d'un partenaire (${c.sector})`,
        capabilities: [],
        territory: [towns[c.town].departement],
        deadline: day(publishedAt + 90 * DAY),
        budgetBand: 'undisclosed',
        visibility: 'territory',
        publishedAt: iso(publishedAt),
      } satisfies NeedPublishedV1,
    });
    let t = publishedAt;
    const later = () => (t = t + rnd() * Math.min(20 * DAY, now - t));
    const interested: Firm[] = [];
    if (rnd() < 0.6) {
      for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) {
        const p = partnerOf(c);
        if (p === c || interested.includes(p)) continue;
        interested.push(p);
        relations.push({ contract: NeedStepV1, subject: needId, at: later(), data: { needId, step: 'interest_expressed', companyId: p.companyId, occurredAt: iso(t) } satisfies NeedStepV1 });
        if (rnd() < 0.4) {
          relations.push({ contract: NeedStepV1, subject: needId, at: later(), data: { needId, step: 'introduced', companyId: p.companyId, via: 'platform', occurredAt: iso(t) } satisfies NeedStepV1 });
        }
      }
    }
    const r = rnd();
    if (interested.length && r < 0.35) {
      const partner = interested[0];
      const closedAt = later();
      counts.agreements++;
      relations.push({
        contract: NeedClosedV1,
        subject: needId,
        at: closedAt,
        data: { needId, companyId: c.companyId, outcome: 'agreement', partnerCompanyId: partner.companyId, relationKind: 'partner', closedAt: iso(closedAt) } satisfies NeedClosedV1,
      });
      relate(c, partner, Math.min(closedAt + 1000, now - 1), needId);
    } else if (r < 0.55) {
      const closedAt = later();
      relations.push({ contract: NeedClosedV1, subject: needId, at: closedAt, data: { needId, companyId: c.companyId, outcome: 'no_deal', closedAt: iso(closedAt) } satisfies NeedClosedV1 });
    }
  }
  for (let guard = 0; counts.relations < nRelations && guard < nRelations * 50; guard++) {
    const a = skewed();
    const b = partnerOf(a);
    relate(a, b, after(Math.max(a.registeredAt, b.registeredAt)));
  }

  const tiePairs = new Set<string>();
  for (let guard = 0; counts.ties < nTies && guard < nTies * 50; guard++) {
    const a = pick(rnd, people);
    // People of related firms know each other more often than people of unrelated ones.
    const otherFirm = a.firm.related.length && rnd() < 0.6 ? pick(rnd, a.firm.related) : pick(rnd, firms);
    if (otherFirm === a.firm) continue;
    const b = pick(rnd, otherFirm.people);
    const ids = [a.personId, b.personId].sort() as [string, string];
    const key = ids.join('|');
    if (tiePairs.has(key)) continue;
    tiePairs.add(key);
    counts.ties++;
    const tieId = uuid(rnd);
    const at = after(Math.max(a.joinedAt, b.joinedAt));
    const kinds = [...new Set([pick(rnd, TIE_KINDS), pick(rnd, TIE_KINDS)])];
    relations.push({
      contract: TieVisibleV1,
      subject: tieId,
      at,
      data: { tieId, people: ids, kinds, strength: 1 + Math.floor(rnd() * 5), visibility: 'territory', changedAt: iso(at) } satisfies TieVisibleV1,
    });
  }
  return { firms, people, identity, relations, activeRelations, counts };
}

/** Envelopes as identity's and relations' relays publish them: positions in time order per source. */
function envelopes(source: string, planned: Planned[], firstPosition: number): IntegrationEvent[] {
  return [...planned]
    .sort((x, y) => x.at - y.at)
    .map((p, i) => ({
      id: uuidFromRandom(),
      type: p.contract.type,
      version: p.contract.version,
      source,
      subject: p.subject,
      position: firstPosition + i,
      occurredAt: iso(p.at),
      correlationId: uuidFromRandom(),
      data: p.data,
    }));
}

function uuidFromRandom(): string {
  const b = randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function client(port: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const call = (method: string, path: string, token: string, body?: unknown) =>
    new Promise<Answer>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent,
          headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return { call, close: () => agent.destroy() };
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`dashboard: timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

interface Latencies {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  bytes: number;
  count: number;
}

const fmt = (l: Latencies) =>
  `p50 ${l.p50.toFixed(1)} ms, p95 ${l.p95.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms, max ${l.max.toFixed(1)} ms (${l.count} requests, ${fmtRate(l.bytes / 1024)} kB)`;

/**
 * Warm-up, then `count` sequential requests, or fewer once `budgetMs` is spent (at least `min`);
 * each path from `path(i)`; any answer but 200 fails the run.
 */
async function measure(
  call: ReturnType<typeof client>['call'],
  token: string,
  path: (i: number) => string,
  count: number,
  warmup: number,
  budgetMs = Infinity,
  min = 20,
): Promise<Latencies> {
  for (let i = 0; i < warmup; i++) {
    const r = await call('GET', path(-1 - i), token);
    if (r.status !== 200) throw new Error(`GET ${path(-1 - i)}: ${r.status} ${r.body.slice(0, 300)}`);
  }
  const times: number[] = [];
  let bytes = 0;
  const started = performance.now();
  for (let i = 0; i < count && (i < min || performance.now() - started < budgetMs); i++) {
    const p = path(i);
    const t0 = performance.now();
    const r = await call('GET', p, token);
    times.push(performance.now() - t0);
    if (r.status !== 200) throw new Error(`GET ${p}: ${r.status} ${r.body.slice(0, 300)}`);
    bytes += r.body.length;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), p99: percentile(times, 0.99), max: times[times.length - 1], bytes: bytes / times.length, count: times.length };
}

export async function benchDashboard(config: BenchConfig, kafkaBrokers: string[], mongoUrl: string): Promise<Row[]> {
  const now = Date.now();
  const territory = generateTerritory(config, now);
  const { firms, counts } = territory;
  const admin = uuidFromRandom();
  const coordinator = uuidFromRandom();
  // Identity's log: the platform admin and the coordinator first (set-up), then the firms and their people.
  const setUp = envelopes(
    'identity',
    [
      { contract: PersonRegisteredV1, subject: admin, at: now - 14 * MONTH, data: { personId: admin, displayName: `pii:v1:${admin}:${b64(12)}:${b64(16)}:${b64(16)}`, locale: 'fr', registeredAt: iso(now - 14 * MONTH) } },
      { contract: PlatformRoleChangedV1, subject: admin, at: now - 14 * MONTH + 1, data: { personId: admin, role: 'platform_admin', granted: true, changedAt: iso(now - 14 * MONTH + 1) } },
      { contract: PersonRegisteredV1, subject: coordinator, at: now - 14 * MONTH + 2, data: { personId: coordinator, displayName: `pii:v1:${coordinator}:${b64(12)}:${b64(16)}:${b64(16)}`, locale: 'fr', registeredAt: iso(now - 14 * MONTH + 2) } },
    ],
    1,
  );
  const identityEvents = envelopes('identity', territory.identity, setUp.length + 1);
  const relationsEvents = envelopes('relations', territory.relations, 1);
  const contracts = new ContractRegistry([...IDENTITY_CONTRACTS, ...RELATIONS_CONTRACTS]);
  for (const e of [...setUp, ...identityEvents, ...relationsEvents]) contracts.validate(e);
  const total = identityEvents.length + relationsEvents.length;
  log(
    `dashboard: generated ${firms.length} firms, ${territory.people.length} people, ${counts.relations} relations (${counts.ended} ended, ${counts.suspended} suspended; ` +
      `${territory.activeRelations} active), ${counts.ties} ties, ${counts.needs} needs (${counts.agreements} agreements): ${total.toLocaleString('en-US')} events, valid against the contracts`,
  );

  // Tokens as identity signs them, verified by territories with the public key only.
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const signer = new TokenSigner({ privateKey, publicKey, kid: 'bench' }, 3600);
  const token = (personId: string, roles: Array<'platform_admin'>) => signer.sign({ personId, email: `${personId}@bench.example`, platformRoles: roles, sessionId: 'bench' }, new Date());
  const adminToken = await token(admin, ['platform_admin']);
  const coordinatorToken = await token(coordinator, []);

  Object.assign(process.env, { KAFKA_BROKERS: kafkaBrokers.join(','), MONGODB_URL: mongoUrl, JWT_PUBLIC_KEY: await exportSPKI(publicKey) });
  const kafkaConfig = { brokers: kafkaBrokers, clientId: 'bench-dashboard' };
  const kafka = createKafka(kafkaConfig);
  const topics = [...new Set([...IDENTITY_CONTRACTS, ...RELATIONS_CONTRACTS].map((c) => c.topic))];
  await ensureTopics(kafka, topics, {});
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const publish = async (events: IntegrationEvent[]) => {
    for (let i = 0; i < events.length; i += 500) {
      const byTopic = new Map<string, ReturnType<typeof toKafkaMessage>[]>();
      for (const e of events.slice(i, i + 500)) {
        const topic = contracts.find(e.type, e.version)!.topic;
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), toKafkaMessage(e)]);
      }
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic.entries()].map(([topic, messages]) => ({ topic, messages })) });
    }
  };

  // The service's clock runs 13 months behind while the territory is set up (created, imported), then on time.
  let clockOffsetMs = 13 * MONTH;
  const { startInProcess } = await import('@opn/service-testing');
  const { TerritoriesModule } = await import('../../services/territories/test/territories-module');
  const service = await startInProcess('territories', TerritoriesModule, { clock: () => new Date(Date.now() - clockOffsetMs) });
  let api: ReturnType<typeof client> | undefined;
  try {
    await service.app.listen(0, '127.0.0.1');
    api = client((service.app.getHttpServer().address() as AddressInfo).port);
    const { call } = api;
    const json = (a: Answer) => JSON.parse(a.body) as Record<string, unknown>;

    await publish(setUp);
    await until('territories to know the platform admin', 60_000, async () => {
      const r = await call('GET', '/me', adminToken);
      return r.status === 200 && (json(r).platformRoles as string[] | undefined)?.includes('platform_admin');
    });
    const created = await call('POST', '/territories', adminToken, { name: 'Bench vallée', kind: 'geographic', level: 'departement', perimeter: { departements: DEPARTEMENTS } });
    if (created.status !== 201) throw new Error(`POST /territories: ${created.status} ${created.body}`);
    const territoryId = json(created).territoryId as string;
    const appointed = await until('territories to know the coordinator', 60_000, async () => {
      const r = await call('PUT', `/territories/${territoryId}/coordinators/${coordinator}`, adminToken);
      return r.status === 200 ? r : null;
    });
    if (appointed.status !== 200) throw new Error(`PUT coordinator: ${appointed.status}`);

    const csvField = (s: string) => (/[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const csv = ['siren,name,contact,groups', ...firms.map((f) => [f.siren, f.name, '', f.groups.join(';')].map(csvField).join(','))].join('\n');
    const t0 = performance.now();
    const started = await call('POST', `/territories/${territoryId}/imports`, coordinatorToken, { csv });
    if (started.status !== 202) throw new Error(`POST imports: ${started.status} ${started.body.slice(0, 300)}`);
    const job = await until('the import', 120_000, async () => {
      const r = await call('GET', started.headers.location!, coordinatorToken);
      const body = json(r);
      return body.state === 'done' || body.state === 'failed' ? body : null;
    }, 50);
    const importMs = performance.now() - t0;
    if (job.state !== 'done' || job.written !== firms.length) throw new Error(`import: ${JSON.stringify(job).slice(0, 500)}`);
    log(`dashboard: ${firms.length} members imported in ${(importMs / 1000).toFixed(2)} s`);
    clockOffsetMs = 0;

    // Everything else through Kafka; the service consumes while we watch its group's lag.
    const c0 = performance.now();
    await publish(identityEvents);
    await publish(relationsEvents);
    const producedS = (performance.now() - c0) / 1000;
    log(`dashboard: ${total.toLocaleString('en-US')} events produced in ${producedS.toFixed(1)} s; waiting for territories to consume them...`);
    let lastLog = Date.now();
    await until(
      'the read models to consume every event',
      Number(process.env.BENCH_DASHBOARD_CONSUME_TIMEOUT_S ?? 900) * 1000,
      async () => {
        const lag = await consumerGroupLag(kafkaConfig, 'territories.read-models', topics);
        if (Date.now() - lastLog > 10_000) {
          lastLog = Date.now();
          log(`dashboard: lag ${lag.total.toLocaleString('en-US')} messages`);
        }
        return lag.total === 0;
      },
      500,
    );
    const lagZeroS = (performance.now() - c0) / 1000;
    const expected = { firmsOnPlatform: firms.length, relations: territory.activeRelations };
    let seen: Record<string, unknown> = {};
    const first = await until(
      `the dashboard to show ${firms.length} firms and ${territory.activeRelations} relations`,
      60_000,
      async () => {
        const r = await call('GET', `/territories/${territoryId}/dashboard`, coordinatorToken);
        if (r.status !== 200) throw new Error(`GET dashboard: ${r.status} ${r.body.slice(0, 300)}`);
        const d = json(r);
        seen = { firmsOnPlatform: d.firmsOnPlatform, relations: d.relations };
        const people = d.peopleOpenness as Record<string, { ties: number | null }>;
        return d.firmsOnPlatform === expected.firmsOnPlatform && d.relations === expected.relations && people.sector.ties !== null ? d : null;
      },
      1000,
    ).catch((e: Error) => {
      throw new Error(`${e.message} (last seen ${JSON.stringify(seen)})`);
    });
    const consumedS = (performance.now() - c0) / 1000;
    log(`dashboard: consumed ${total.toLocaleString('en-US')} events in ${lagZeroS.toFixed(1)} s (${fmtRate(total / lagZeroS)} msg/s); the dashboard agreed after ${consumedS.toFixed(1)} s`);

    const d = first as unknown as {
      members: number;
      firmsOnPlatform: number;
      relations: number;
      density: number;
      alerts: Array<{ dimension: string }>;
      closedClusters: Array<{ size: number }>;
      brokers: unknown[];
      peopleOpenness: Record<string, { ties: number | null; people: number | null }>;
      months: Array<{ month: string; members: number; relations: number; newRelations: number; agreements: number }>;
    };
    const alertsBy = d.alerts.reduce<Record<string, number>>((a, x) => ({ ...a, [x.dimension]: (a[x.dimension] ?? 0) + 1 }), {});
    const content =
      `${d.members} members, ${d.firmsOnPlatform} on the platform, ${d.relations.toLocaleString('en-US')} relations (density ${d.density.toFixed(4)}), ` +
      `${d.peopleOpenness.sector.ties?.toLocaleString('en-US')} personal ties of ${d.peopleOpenness.sector.people} people, ${d.alerts.length} alerts (${Object.entries(alertsBy)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}), ${d.closedClusters.length} closed clusters (sizes ${d.closedClusters.map((c) => c.size).join(', ')}), ${d.brokers.length} brokers; ` +
      `months ${d.months[0].month}..${d.months[d.months.length - 1].month}: members ${d.months[0].members} -> ${d.months[d.months.length - 1].members}, ` +
      `relations ${d.months[0].relations} -> ${d.months[d.months.length - 1].relations}`;
    log(`dashboard: content: ${content}`);

    // asOf: now (no parameter) for one request in five, else a random past day of the last 12 months.
    const q = prng(99);
    const asOf = () => (q() < 0.2 ? '' : `?asOf=${day(now - (1 + q() * 364) * DAY)}`);
    const n = scaled(config, 200, 20);
    // The requests stop early once this is spent (at least 20 are made), so the run ends in a bounded time.
    const budgetS = Number(process.env.BENCH_DASHBOARD_BUDGET_S ?? 90);
    log(`dashboard: ${n} sequential GET /territories/{id}/dashboard (asOf now or a past day)...`);
    // A CPU profile of the measured requests only (the service runs in this process), for finding where the time goes.
    const profileFile = process.env.BENCH_DASHBOARD_PROFILE?.trim();
    const session = profileFile ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const dash = await measure(call, coordinatorToken, () => `/territories/${territoryId}/dashboard${asOf()}`, n, 10, budgetS * 1000);
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(profileFile!, JSON.stringify(profile));
      session.disconnect();
      log(`dashboard: CPU profile of the measured requests in ${profileFile}`);
    }
    log(`dashboard: ${fmt(dash)}`);
    const nNow = Math.max(5, Math.round(n / 4));
    const dashNow = await measure(call, coordinatorToken, () => `/territories/${territoryId}/dashboard`, nNow, 2, (budgetS * 1000) / 4, 5);
    const others = Math.max(5, Math.round(n / 10));
    const firmsList = await measure(call, coordinatorToken, () => `/territories/${territoryId}/network/firms?sort=constraint`, others, 2, 10_000, 5);
    const gexf = await measure(call, coordinatorToken, () => `/territories/${territoryId}/network.gexf`, others, 2, 10_000, 5);
    const csvExport = await measure(call, coordinatorToken, (i) => `/territories/${territoryId}/dashboard.csv${i % 2 ? asOf() : ''}`, others, 2, 10_000, 5);
    log(`dashboard: now only ${fmt(dashNow)}; firms ${fmt(firmsList)}; gexf ${fmt(gexf)}; csv ${fmt(csvExport)}`);

    // Without the memo: the figures as the first request after any change of the network or the
    // roster computes them (the HTTP requests above share the prepared territory and past month ends).
    const internals = await import('../../services/territories/test/territories-internals');
    const network = service.app.get(internals.NetworkIndex);
    const rosterNow = service.app
      .get(internals.MembershipIndex)
      .roster(territoryId)
      .filter((m) => m.periods.length > 0)
      .map((m) => ({ siren: m.siren, groups: m.groups, periods: m.periods }));
    const coldTimes: number[] = [];
    const coldN = Math.max(5, Math.round(n / 5));
    for (let i = 0; i < coldN + 3; i++) {
      const at = q() < 0.2 ? new Date().toISOString() : `${day(now - (1 + q() * 364) * DAY)}T23:59:59.999Z`;
      const toMonth = internals.monthOf(at);
      const t0 = performance.now();
      internals.dashboard(network, rosterNow, { asOf: at, fromMonth: internals.addMonths(toMonth, -11), toMonth, k: 5, brokersBy: 'sector', alerts: internals.DEFAULT_ALERTS });
      if (i >= 3) coldTimes.push(performance.now() - t0);
    }
    coldTimes.sort((x, y) => x - y);
    const cold = { p50: percentile(coldTimes, 0.5), p95: percentile(coldTimes, 0.95) };
    log(`dashboard: without the memo: p50 ${cold.p50.toFixed(1)} ms, p95 ${cold.p95.toFixed(1)} ms (${coldTimes.length} computations)`);

    /** A figure printed for the reader, with no bar (the result column says PASS once it was measured). */
    const note = (what: string, display: string, notes: string): Row => ({
      id: `dashboard-${what.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '').toLowerCase()}`,
      what: `coordinator dashboard: ${what}`,
      ours: { label: 'note', unit: '', perSecond: 0, samples: [], display },
      bar: { kind: 'absolute', min: 0, text: 'none (note)' },
      pass: true,
      notes,
    });
    const p95 = (l: Latencies) => `p95 ${l.p95.toFixed(1)} ms`;
    return [
      latencyRow(
        'dashboard-p95',
        `coordinator dashboard (GET /territories/{id}/dashboard over HTTP), ${firms.length.toLocaleString('en-US')} firms, ${counts.relations.toLocaleString('en-US')} relations, ${counts.ties.toLocaleString('en-US')} ties`,
        'p95',
        dash.p95,
        100,
        [
          `territories in-process, fed over Kafka; ${dash.count} sequential requests (of ${n}, budget ${budgetS} s) after 10 warm-up, asOf now (1 in 5) or a past day of the last 12 months: ${fmt(dash)}`,
          `asOf now only: ${fmt(dashNow)}`,
          `content: ${content}`,
        ].join('; '),
      ),
      note('member import (POST .../imports of the SIRENs, 202, poll until done)', `${(importMs / 1000).toFixed(2)} s`, `${firms.length.toLocaleString('en-US')} rows in one import`),
      note(
        'Kafka consumption by the read models',
        `${fmtRate(total / lagZeroS)} msg/s`,
        `${total.toLocaleString('en-US')} integration events in ${lagZeroS.toFixed(1)} s = ${fmtRate(total / lagZeroS)} msg/s (group lag 0; produced in ${producedS.toFixed(1)} s; the dashboard showed them all after ${consumedS.toFixed(1)} s)`,
      ),
      note(
        'the same figures without the memo (as the first request after a change of the network or roster)',
        `p95 ${cold.p95.toFixed(1)} ms`,
        `dashboard() called directly on the service's read models, no HTTP, a fresh memo each time: p50 ${cold.p50.toFixed(1)} ms, p95 ${cold.p95.toFixed(1)} ms over ${coldTimes.length} computations`,
      ),
      note('GET network/firms?sort=constraint', p95(firmsList), fmt(firmsList)),
      note('GET network.gexf', p95(gexf), fmt(gexf)),
      note('GET dashboard.csv', p95(csvExport), `${fmt(csvExport)}; asOf now or a past day`),
    ];
  } finally {
    api?.close();
    await producer.disconnect().catch(() => undefined);
    await service.close().catch((e: unknown) => log(`dashboard: service close failed: ${String(e)}`));
  }
}
