import { readFileSync } from 'node:fs';
import { OPERATIONS_FILE, SERVICES, serviceTable, withConfigReference } from './config-reference';

// e2e tier: it runs the built services (`main.js --help`), which `npm test` builds first.
describe('the configuration reference (docs/operations.md)', () => {
  it('is generated from the service declarations and up to date (run `npm run docs:config`)', () => {
    const current = readFileSync(OPERATIONS_FILE, 'utf8');
    expect(current).toBe(withConfigReference(current));
  });

  it("lists every variable of every service, as the service's --help prints it", () => {
    const current = readFileSync(OPERATIONS_FILE, 'utf8');
    expect(SERVICES).toContain('identity');
    for (const s of SERVICES) {
      const names = [...serviceTable(s).matchAll(/^\| `([A-Z0-9_]+)`/gm)].map((m) => m[1]);
      expect(names).toEqual(expect.arrayContaining(['PLATFORM_ADMIN_EMAILS', 'IDENTITY_PORT', 'KAFKA_BROKERS'].filter(() => s === 'identity')));
      for (const n of names.filter((x) => !/^(IDENTITY|RELATIONS|TERRITORIES|COLLECTIVES|RECOMMENDATIONS)_/.test(x))) expect(current).toContain(`\`${n}\``);
    }
  });
});
