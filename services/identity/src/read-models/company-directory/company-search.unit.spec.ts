import { seededRandom } from '@opn/kernel';
import { ProjectedEvent } from '@opn/projections';
import { CompanySearch, CompanySearchEntry, DirectoryFilters, cityKey } from './company-search';

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
const prng = seededRandom;

const NAMES = ['Atelier', 'Forges', 'forges', 'Éts', 'Usinage', 'Zinc'];
const CITIES = ['Lyon', 'LYON ', 'Grenoble', 'Saint-Étienne', 'Annecy'];
const TAGS = ['usinage cnc', 'soudure', 'peinture', 'conseil'];

let position = 0;
const event = (companyId: string, type: string, data: object): ProjectedEvent => ({
  id: `e${++position}`,
  type,
  version: 1,
  data,
  position,
  subject: `company-${companyId}`,
  revision: 0,
  occurredAt: new Date().toISOString(),
});

describe('CompanySearch (the directory in memory)', () => {
  it('answers every filter, order, page and total as a brute-force filter and sort of its companies would', async () => {
    const rnd = prng(2026);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const search = new CompanySearch();
    const truth = new Map<string, CompanySearchEntry>();
    const ids: string[] = [];
    for (let i = 0; i < 600; i++) {
      const register = ids.length < 20 || rnd() < 0.5;
      const companyId = register ? `c${String(i).padStart(4, '0')}` : pick(ids);
      const legalName = `${pick(NAMES)} ${Math.floor(rnd() * 50)}`;
      const city = pick(CITIES);
      const capabilities = TAGS.filter(() => rnd() < 0.4);
      if (register) {
        ids.push(companyId);
        const data = { companyId, legalName, siren: '1', nafCode: pick(['25.62B', '28.41Z']), sizeBand: pick(['1-9', '10-49']), address: { city }, capabilities, offers: [pick(TAGS)] };
        search.apply([event(companyId, 'CompanyRegistered', data)]);
        truth.set(companyId, { companyId, legalName, nameKey: legalName.toLowerCase(), nafCode: data.nafCode, sizeBand: data.sizeBand, cityKey: cityKey(city), capabilities, offers: data.offers });
      } else {
        // a partial update: each field changed or left as it was
        const changes: Record<string, unknown> = {};
        if (rnd() < 0.5) changes.legalName = legalName;
        if (rnd() < 0.3) changes.address = { city };
        if (rnd() < 0.3) changes.capabilities = capabilities;
        search.apply([event(companyId, 'CompanyProfileUpdated', { companyId, changes })]);
        const before = truth.get(companyId)!;
        const name = (changes.legalName as string | undefined) ?? before.legalName;
        truth.set(companyId, {
          ...before,
          legalName: name,
          nameKey: name.toLowerCase(),
          cityKey: changes.address ? cityKey(city) : before.cityKey,
          capabilities: (changes.capabilities as string[] | undefined) ?? before.capabilities,
        });
      }
      search.apply([event(companyId, 'MemberJoined', { companyId })]); // not the search's concern
    }
    search.caughtUpWithLog();
    expect(search.size).toBe(truth.size);

    const sorted = [...truth.values()].sort((a, b) => (a.legalName < b.legalName ? -1 : a.legalName > b.legalName ? 1 : a.companyId < b.companyId ? -1 : 1));
    const filters: DirectoryFilters[] = [
      {},
      { q: 'FORGES' },
      { q: 'es 1' },
      { city: 'lyon' },
      { city: ' Saint-étienne' },
      { capability: 'Usinage CNC ' },
      { offer: 'soudure', nafCode: '28.41Z' },
      { nafCode: '25.62B', city: 'Grenoble', sizeBand: '10-49' },
      { q: 'zinc', capability: 'conseil' },
    ];
    for (const f of filters) {
      const expected = sorted.filter(
        (c) =>
          (!f.q || c.legalName.toLowerCase().includes(f.q.toLowerCase())) &&
          (!f.city || c.cityKey === f.city.trim().toLowerCase()) &&
          (!f.capability || c.capabilities.includes(f.capability.trim().toLowerCase())) &&
          (!f.offer || c.offers.includes(f.offer)) &&
          (!f.nafCode || c.nafCode === f.nafCode) &&
          (!f.sizeBand || c.sizeBand === f.sizeBand),
      );
      for (const page of [{ page: 1, limit: 20 }, { page: 3, limit: 7 }, { page: 100, limit: 20 }]) {
        const got = await search.find(f, page);
        const from = (page.page - 1) * page.limit;
        expect({ f, page, ...got }).toEqual({ f, page, ids: expected.slice(from, from + page.limit).map((c) => c.companyId), total: expected.length });
      }
    }
  });

  it('waits for its start-up replay, and answers 503 when that takes too long', async () => {
    const search = new CompanySearch();
    await expect(search.find({}, { page: 1, limit: 20 }, 30)).rejects.toMatchObject({ status: 503, code: 'temporarily_unavailable' });
    const pending = search.find({}, { page: 1, limit: 20 }, 5000);
    search.apply([event('late', 'CompanyRegistered', { companyId: 'late', legalName: 'Late', nafCode: 'x', sizeBand: '0', capabilities: [], offers: [] })]);
    search.caughtUpWithLog();
    await expect(pending).resolves.toEqual({ ids: ['late'], total: 1 });
  });
});
