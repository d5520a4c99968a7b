import { analyse, fold, languageOf } from './analysis';
import { CompanyDocument, distanceKm, PartnerIndex } from './partner-index';

const concepts = (text: string) => analyse(text, languageOf(text)).filter((t) => t.term.startsWith('c:')).map((t) => t.term);

describe('text analysis', () => {
  it('folds accents, ligatures and case', () => {
    expect(fold('Chaîne du FROID, œuvre')).toBe('chaine du froid, oeuvre');
  });

  it('tells French from English by their common words', () => {
    expect(languageOf('Nous cherchons un partenaire pour la soudure de nos châssis')).toBe('fr');
    expect(languageOf('We are looking for a partner for the welding of our frames')).toBe('en');
  });

  it.each([
    ['soudure de châssis', 'c:welding'],
    ['pièces soudées', 'c:welding'],
    ['welded frames', 'c:welding'],
    ['Welding', 'c:welding'],
    ['transport sous chaîne du froid', 'c:cold-chain'],
    ['cold chain logistics', 'c:cold-chain'],
    ['tôlerie fine', 'c:sheet-metal'],
    ['sheet metal work', 'c:sheet-metal'],
    ['usinage CNC', 'c:machining'],
    ['CNC machining', 'c:machining'],
  ])('finds the trade concept in %j, in either language', (text, concept) => {
    expect(concepts(text)).toContain(concept);
  });

  it('keeps the longest phrase: "hébergement touristique" is tourism, "hébergement" alone is hosting', () => {
    expect(concepts('hébergement touristique')).toEqual(['c:tourism-hospitality']);
    expect(concepts('hébergement de nos serveurs')).toEqual(['c:cloud-hosting']);
  });

  it('does not read a trade into the words of a request ("framework contract", "free quote", "package")', () => {
    expect(concepts('Framework contract possible, free quote, fixed-price package, please reach out')).toEqual([]);
  });
});

// Names without a trade in them: only the fields under test match.
const company = (id: string, more: Partial<CompanyDocument>): CompanyDocument => ({ id, name: 'Entreprise', ...more });

describe('partner index', () => {
  const build = () => {
    const index = new PartnerIndex();
    index.upsert(company('weld-fr', { description: 'Atelier de soudure TIG et MIG, châssis et structures acier', capabilities: ['soudage', 'chaudronnerie'], territoryIds: ['t1'], sizeBand: '10-49', lat: 45.76, lon: 4.84 }));
    index.upsert(company('weld-en', { description: 'Welding and metal fabrication', offers: ['welded frames'], territoryIds: ['t2'], sizeBand: '50-249', lat: 48.85, lon: 2.35 }));
    index.upsert(company('paint', { description: 'Peinture industrielle et thermolaquage', territoryIds: ['t1'], sizeBand: '10-49', lat: 45.7, lon: 4.8 }));
    index.upsert(company('web', { description: 'Création de sites internet', territoryIds: ['t1'] }));
    return index;
  };

  it('finds the welders for an English need, the French one included, and says why', () => {
    const hits = build().search({ title: 'Welder wanted for steel frames' }, 5);
    expect(hits.map((h) => h.id).slice(0, 2).sort()).toEqual(['weld-en', 'weld-fr']);
    const fr = hits.find((h) => h.id === 'weld-fr')!;
    expect(fr.reasons).toContainEqual(expect.objectContaining({ field: 'capabilities', concept: 'welding', companyWords: 'soudage' }));
    expect(hits.map((h) => h.id)).not.toContain('web');
  });

  it('ranks a company that covers every trade of the need above one that covers part of it', () => {
    const index = build();
    index.upsert(company('both', { description: 'Soudure et thermolaquage de pièces acier' }));
    expect(index.search({ title: 'Welding and powder coating of steel parts' }, 3)[0].id).toBe('both');
  });

  it('filters by territory, size band and distance, and leaves out excluded companies', () => {
    const index = build();
    const need = { title: 'soudure' };
    expect(index.search(need, 5, { territoryIds: ['t2'] }).map((h) => h.id)).toEqual(['weld-en']);
    expect(index.search(need, 5, { sizeBands: ['10-49'] }).map((h) => h.id)).toEqual(['weld-fr']);
    expect(index.search(need, 5, { near: { lat: 45.75, lon: 4.85, km: 50 } }).map((h) => h.id)).toEqual(['weld-fr']);
    expect(index.search(need, 5, { exclude: ['weld-fr'] }).map((h) => h.id)).toEqual(['weld-en']);
  });

  it('replaces a company on upsert and forgets it on remove', () => {
    const index = build();
    index.upsert(company('weld-fr', { description: 'Désormais : création de sites internet' }));
    expect(index.search({ title: 'soudure' }, 5).map((h) => h.id)).toEqual(['weld-en']);
    expect(index.remove('weld-en')).toBe(true);
    expect(index.search({ title: 'soudure' }, 5)).toEqual([]);
    expect(index.size).toBe(3);
  });

  it('keeps answering the same after many replacements (compaction)', () => {
    const index = build();
    const before = index.search({ title: 'welding' }, 5);
    for (let i = 0; i < 3000; i++) index.upsert(company('web', { description: 'Création de sites internet' }));
    expect(index.search({ title: 'welding' }, 5)).toEqual(before);
    expect(index.size).toBe(4);
  });

  it('measures distances on the sphere (Lyon to Paris is about 392 km)', () => {
    expect(distanceKm(45.764, 4.8357, 48.8566, 2.3522)).toBeCloseTo(392, -1);
  });
});

describe('broader trades', () => {
  const index = new PartnerIndex();
  index.upsert({ id: 'miller', name: 'Durand', description: 'Fraisage 5 axes de pièces en aluminium', capabilities: ['fraisage'] });
  index.upsert({ id: 'machinist', name: 'Martin', description: 'Mécanique générale', capabilities: ['usinage'] });
  index.upsert({ id: 'painter', name: 'Petit', description: 'Peinture industrielle', capabilities: ['thermolaquage'] });

  it('finds a firm that mills for a need that asks for machining, and says so', () => {
    const hits = index.search({ title: 'Usinage de pièces' }, 3);
    expect(hits.map((h) => h.id)).toEqual(['machinist', 'miller']);
    expect(hits[1].reasons).toContainEqual({ field: 'capabilities', concept: 'machining', needWords: 'Usinage', companyWords: 'fraisage' });
  });

  it('prefers the firm that names milling when the need asks for milling', () => {
    expect(index.search({ title: 'Fraisage de pièces' }, 3).map((h) => h.id)[0]).toBe('miller');
  });
});
