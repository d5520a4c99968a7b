import { InProcessService, startInProcess } from '@opn/service-testing';
import type { DestinationStream } from 'pino';
import { IdentityModule } from '../src/identity.module';

export type TestIdentity = InProcessService;

/**
 * The whole identity service in-process, against the real Kafka broker and FerretDB the jest
 * global setup started, with its own event store file and database.
 */
export const startIdentity = (env: Record<string, string> = {}, options: { logDestination?: DestinationStream } = {}): Promise<TestIdentity> =>
  startInProcess('identity', IdentityModule, { env, logDestination: options.logDestination });

let counter = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}.${Date.now().toString(36)}${(counter++).toString(36)}@example.fr`;

/** Valid SIRENs (Luhn) generated on demand, so every test company is new. */
export function uniqueSiren(): string {
  for (;;) {
    const base = String(100000000 + Math.floor(Math.random() * 899999999)).slice(0, 8);
    for (let check = 0; check <= 9; check++) {
      const candidate = base + check;
      const sum = candidate
        .split('')
        .map(Number)
        .reduce((acc, d, i) => {
          let v = i % 2 === 1 ? d * 2 : d;
          if (v > 9) v -= 9;
          return acc + v;
        }, 0);
      if (sum % 10 === 0) return candidate;
    }
  }
}

export const companyBody = (over: Record<string, unknown> = {}) => ({
  legalName: 'Atelier Dupont',
  siren: uniqueSiren(),
  nafCode: '25.62B',
  sizeBand: '10-49',
  address: { line1: '12 rue de la République', postalCode: '69002', city: 'Lyon', country: 'FR' },
  coordinates: { lat: 45.764, lon: 4.8357 },
  description: 'Usinage de précision',
  capabilities: ['Usinage CNC', 'soudure'],
  offers: ['sous-traitance'],
  ...over,
});

export async function signUp(t: TestIdentity, email = uniqueEmail(), displayName = 'Ada Lovelace') {
  const res = await t.http().post('/auth/sign-up').send({ email, password: 'correct horse battery staple', displayName }).expect(201);
  return { email, personId: res.body.personId as string, token: res.body.accessToken as string, refreshToken: res.body.refreshToken as string };
}
