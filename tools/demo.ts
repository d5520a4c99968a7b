// `npm start -- --demo`: once the platform is up, a demo territory through the gateway's API, as
// its users would build it: a coordinator, ten firms in three trades that apply and are admitted,
// relations proposed and confirmed by both sides (three clusters and two bridges), needs with an
// interest, a collective. Skipped when the demo coordinator already exists (data kept in .data/).

export const DEMO_ADMIN = 'camille.demo@example.fr';
export const DEMO_PASSWORD = 'demo-password-2026';

interface Firm {
  key: string;
  name: string;
  naf: string;
  town: string;
  postcode: string;
  capabilities: string[];
  group: string;
  admin: string;
}

const FIRMS: Firm[] = [
  { key: 'meca', name: 'Mécanique Atlantique', naf: '25.62B', town: 'Nantes', postcode: '44000', capabilities: ['usinage', 'fraisage', 'tournage'], group: 'mécanique', admin: 'Alice Durand' },
  { key: 'rectif', name: "Rectif'Ouest", naf: '28.41Z', town: 'Saint-Herblain', postcode: '44800', capabilities: ['rectification', 'usinage de précision'], group: 'mécanique', admin: 'Bruno Caillaud' },
  { key: 'tole', name: 'Estuaire Tôlerie', naf: '25.11Z', town: 'Saint-Nazaire', postcode: '44600', capabilities: ['tôlerie', 'soudure', 'chaudronnerie'], group: 'mécanique', admin: 'Chloé Bernard' },
  { key: 'fonderie', name: 'Fonderie de Loire', naf: '24.51Z', town: 'Rezé', postcode: '44400', capabilities: ['fonderie', 'moulage'], group: 'mécanique', admin: 'David Morel' },
  { key: 'web', name: 'Nantes Web Studio', naf: '62.01Z', town: 'Nantes', postcode: '44000', capabilities: ['développement web', 'applications mobiles'], group: 'numérique', admin: 'Emma Girard' },
  { key: 'data', name: 'DataLoire', naf: '62.02A', town: 'Carquefou', postcode: '44470', capabilities: ['data', 'intelligence artificielle', 'capteurs'], group: 'numérique', admin: 'Farid Benali' },
  { key: 'cyber', name: 'Cyber Ouest', naf: '62.09Z', town: 'Nantes', postcode: '44000', capabilities: ['cybersécurité', 'audit'], group: 'numérique', admin: 'Gaëlle Roux' },
  { key: 'chantier', name: 'Chantier Naval du Port', naf: '30.11Z', town: 'Saint-Nazaire', postcode: '44600', capabilities: ['construction navale', 'réparation navale'], group: 'naval', admin: 'Hugo Lemaire' },
  { key: 'peinture', name: 'Peinture Marine', naf: '25.61Z', town: 'Saint-Nazaire', postcode: '44600', capabilities: ['peinture', 'traitement de surface'], group: 'naval', admin: 'Inès Fabre' },
  { key: 'elec', name: 'Électricité Navale', naf: '33.14Z', town: 'Montoir-de-Bretagne', postcode: '44550', capabilities: ['électricité marine', 'câblage'], group: 'naval', admin: 'Jules Perrin' },
];

/** [proposer, partner, what the partner is to the proposer] */
const RELATIONS: Array<[string, string, string]> = [
  ['meca', 'rectif', 'subcontractor'],
  ['meca', 'tole', 'partner'],
  ['rectif', 'fonderie', 'supplier'],
  ['tole', 'fonderie', 'supplier'],
  ['web', 'data', 'partner'],
  ['data', 'cyber', 'partner'],
  ['web', 'cyber', 'co_contractor'],
  ['chantier', 'peinture', 'subcontractor'],
  ['chantier', 'elec', 'subcontractor'],
  ['peinture', 'elec', 'partner'],
  // the bridges between the trades
  ['chantier', 'tole', 'supplier'],
  ['meca', 'data', 'supplier'],
];

/** A SIREN that passes the Luhn check, from an 8-digit base. */
export function sirenFrom(base: number): string {
  const digits = String(base).padStart(8, '0');
  for (let check = 0; check <= 9; check++) {
    const candidate = digits + check;
    const sum = [...candidate].map(Number).reduce((acc, d, i) => {
      const v = i % 2 === 1 ? d * 2 : d;
      return acc + (v > 9 ? v - 9 : v);
    }, 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${status} ${JSON.stringify(body)}`);
  }
}

export async function seedDemo(gateway: string, log: (line: string) => void): Promise<void> {
  const call = async <T>(method: string, path: string, token?: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${gateway}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new ApiError(res.status, parsed);
    return parsed as T;
  };
  // What a service learns from another through Kafka arrives within seconds: retry what it refuses meanwhile.
  const soon = async <T>(what: string, attempt: () => Promise<T>): Promise<T> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof ApiError) || ![403, 404, 409].includes(error.status) || Date.now() > deadline) throw new Error(`demo: ${what}: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };
  const signUp = (email: string, displayName: string) =>
    call<{ personId: string; accessToken: string }>('POST', '/api/identity/auth/sign-up', undefined, { email, password: DEMO_PASSWORD, displayName, locale: 'fr' });

  const existing = await call<{ accessToken: string }>('POST', '/api/identity/auth/sign-in', undefined, { email: DEMO_ADMIN, password: DEMO_PASSWORD }).catch(() => undefined);
  if (existing) {
    const collectives = await call<{ total: number }>('GET', '/api/collectives/me/collectives?which=current', existing.accessToken).catch(() => ({ total: 0 }));
    const coordinated = await call<{ total: number }>('GET', '/api/territories/me/territories', existing.accessToken).catch(() => ({ total: 0 }));
    log(
      coordinated.total > 0 || collectives.total > 0
        ? `demo: already there; sign in as ${DEMO_ADMIN} / ${DEMO_PASSWORD}`
        : 'demo: an earlier run stopped half-way; `rm -rf .data` and start again for a complete demo',
    );
    return;
  }
  log('demo: a territory, ten firms, their relations and needs (about a minute)...');
  const camille = await signUp(DEMO_ADMIN, 'Camille Martin');
  // Territories learns that she is a platform admin from identity's events.
  const { territoryId } = await soon('the territory', () =>
    call<{ territoryId: string }>('POST', '/api/territories/territories', camille.accessToken, {
      name: 'Loire-Atlantique Industrie',
      description: 'Le réseau des industriels de Loire-Atlantique : mécanique, numérique et naval.',
      kind: 'geographic',
      level: 'departement',
      perimeter: { departements: ['44'] },
    }),
  );
  await soon('appoint the coordinator', () => call('PUT', `/api/territories/territories/${territoryId}/coordinators/${camille.personId}`, camille.accessToken));

  const firms = new Map<string, { firm: Firm; companyId: string; siren: string; token: string }>();
  for (const [i, firm] of FIRMS.entries()) {
    const email = `${firm.admin.split(' ')[0].normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}.demo@example.fr`;
    const person = await signUp(email, firm.admin);
    const siren = sirenFrom(44_100_000 + i * 7_919);
    const { companyId } = await call<{ companyId: string }>('POST', '/api/identity/companies', person.accessToken, {
      legalName: firm.name,
      siren,
      nafCode: firm.naf,
      sizeBand: i % 3 === 0 ? '50-249' : '10-49',
      address: { line1: `${10 + i} rue de l’Industrie`, postalCode: firm.postcode, city: firm.town, country: 'FR' },
      description: `${firm.name} : ${firm.capabilities.join(', ')}.`,
      capabilities: firm.capabilities,
    });
    await call('PUT', '/api/identity/me/consents/warm_introductions', person.accessToken, { granted: true, policyVersion: '2026-11' });
    firms.set(firm.key, { firm, companyId, siren, token: person.accessToken });
  }
  for (const { firm, companyId, siren, token } of firms.values()) {
    await soon(`${firm.name} applies`, () => call('POST', `/api/territories/companies/${companyId}/memberships`, token, { territoryId, message: 'Nous souhaitons rejoindre le réseau.' }));
    await soon(`${firm.name} admitted`, () => call('POST', `/api/territories/territories/${territoryId}/members/${siren}/admit`, camille.accessToken, { groups: [firm.group] }));
  }
  for (const [a, b, kind] of RELATIONS) {
    const from = firms.get(a)!;
    const to = firms.get(b)!;
    const { relationId } = await soon(`${from.firm.name} proposes a relation`, () =>
      call<{ relationId: string }>('POST', `/api/relations/companies/${from.companyId}/relations`, from.token, { partnerCompanyId: to.companyId, kind }),
    );
    await soon(`${to.firm.name} confirms it`, () => call('POST', `/api/relations/companies/${to.companyId}/relations/${relationId}/confirm`, to.token, {}));
  }
  const deadline = `${new Date().getUTCFullYear() + 1}-03-31`;
  const chantier = firms.get('chantier')!;
  const { needId } = await call<{ needId: string }>('POST', `/api/relations/companies/${chantier.companyId}/needs`, chantier.token, {
    title: "Usinage d'arbres d'hélice",
    description: "Nous cherchons un atelier pour usiner et rectifier des arbres d'hélice en inox, une dizaine par an.",
    capabilities: ['usinage', 'rectification'],
    territory: ['44'],
    deadline,
    budgetBand: '50k_200k',
    visibility: 'members',
  });
  const meca = firms.get('meca')!;
  await soon('an interest in the need', () => call('POST', `/api/relations/needs/${needId}/interests`, meca.token, { companyId: meca.companyId, message: 'Nous usinons des arbres jusqu’à 3 m.' }));
  const web = firms.get('web')!;
  await call('POST', `/api/relations/companies/${web.companyId}/needs`, web.token, {
    title: 'Capteurs pour une ligne de production',
    description: 'Un partenaire pour poser et relever des capteurs de vibration sur une ligne de production.',
    capabilities: ['capteurs', 'data'],
    territory: ['44'],
    deadline,
    budgetBand: '10k_50k',
    visibility: 'members',
  });
  await soon('a collective', () =>
    call('POST', '/api/collectives/collectives', meca.token, {
      name: 'Stand commun au salon Global Industrie',
      purpose: 'Partager un stand et les frais de transport pour le salon.',
      occasion: { kind: 'event', title: 'Global Industrie', date: `${new Date().getUTCFullYear() + 1}-03-14` },
      rhythm: 'monthly',
      access: 'open',
      governance: { mode: 'election' },
      companyId: meca.companyId,
    }),
  );
  log(`demo: done. Sign in as ${DEMO_ADMIN} / ${DEMO_PASSWORD} (the coordinator), or as any firm's admin (alice.demo@example.fr, ..., same password)`);
}
