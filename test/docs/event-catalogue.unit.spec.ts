import { readFileSync } from 'node:fs';
import { CATALOGUE, CATALOGUE_FILE, withCatalogue } from './event-catalogue';

describe('the event catalogue (docs/events.md)', () => {
  it('is generated from the contracts libs and up to date (run `npm run docs:events`)', () => {
    const current = readFileSync(CATALOGUE_FILE, 'utf8');
    expect(current).toBe(withCatalogue(current));
  });

  it('lists every public contract of every producing service', () => {
    const current = readFileSync(CATALOGUE_FILE, 'utf8');
    for (const { contracts } of CATALOGUE) for (const c of contracts) expect(current).toContain(`\`${c.type}.v${c.version}\``);
  });
});
