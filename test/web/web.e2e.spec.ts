import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { uniqueSiren } from '../../services/identity/test/identity-app';
import { en, fr } from '../../services/web/test/locales';
import { AxeViolation, guardedContext, launchChromium, screenshot, seriousViolations } from './browser';
import { RunningPlatform, startPlatform } from './platform';

// The web app in Debian's Chromium against the platform as `npm start` runs it (every service and
// the gateway, on the real Kafka and FerretDB): a coordinator admits two firms, one publishes a
// need, the other expresses interest and they reach an agreement, and the coordinator sees the
// collaboration on the dashboard and the network map. Once in French, once in English, with
// axe-core on every main page and a screenshot of each under docs/screenshots/.

jest.setTimeout(600_000);

const PASSWORD = 'correct horse battery staple 7';
const ADMIN = `coordinator.${Date.now().toString(36)}@example.fr`;

let platform: RunningPlatform;
let browser: Browser;

beforeAll(async () => {
  // With the demo (`npm start -- --demo`), which builds its territory through the APIs (checked
  // last); the two languages run once it is done, on a platform that already holds other firms.
  platform = await startPlatform({ PLATFORM_ADMIN_EMAILS: ADMIN }, ['--demo']);
  await platform.waitFor('demo: done', 180_000);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** A section of a company's or territory's page, by its tab. */
const tab = (page: Page, name: string) => page.getByRole('navigation', { name: fr.common.sections }).or(page.getByRole('navigation', { name: en.common.sections })).getByRole('link', { name, exact: true });

/** Fills in `label`'s field (exact label text). */
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** Retries an action a user would retry (a read model still catching up), up to `timeoutMs`. */
async function eventually(what: string, attempt: () => Promise<boolean>, timeoutMs = 30_000, page?: Page): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await attempt().catch(() => false)) return;
    if (Date.now() > deadline) {
      // What the page said, for the failure's message.
      const alerts = page ? await page.getByRole('alert').allTextContents().catch(() => []) : [];
      throw new Error(`${what}: not within ${timeoutMs} ms${alerts.length ? `; the page says: ${alerts.join(' | ')}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Reloads the page until `locator` shows (what other services learn through Kafka). */
const visibleAfterReloads = (page: Page, locator: Locator, what: string, timeoutMs = 45_000) =>
  eventually(
    what,
    async () => {
      if (await locator.first().isVisible()) return true;
      await page.reload();
      await locator.first().waitFor({ state: 'visible', timeout: 1500 }).catch(() => undefined);
      return locator.first().isVisible();
    },
    timeoutMs,
  );

describe.each([
  ['fr', fr],
  ['en', en],
] as const)('the web app in %s', (lang, L) => {
  const stamp = `${lang}${Date.now().toString(36)}`;
  const territoryName = lang === 'fr' ? `Loire-Atlantique Industrie ${stamp}` : `Loire Valley Industry ${stamp}`;
  const firmA = { name: `Mécanique Atlantique ${stamp}`, siren: uniqueSiren(), capabilities: 'usinage, fraisage' };
  const firmB = { name: `Estuaire Tôlerie ${stamp}`, siren: uniqueSiren(), capabilities: 'tôlerie, soudure' };
  const needTitle = lang === 'fr' ? `Usinage de pièces inox ${stamp}` : `Stainless parts machining ${stamp}`;
  const contexts: Array<{ context: BrowserContext; foreign: string[]; errors: string[] }> = [];
  const violations: Record<string, AxeViolation[]> = {};
  let coordinator: Page;
  let alice: Page;
  let bob: Page;
  let territoryUrl: string;
  let needUrl: string;

  /** axe-core on the page as it is, and its screenshot: one per main page. */
  const check = async (page: Page, name: string) => {
    await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
    violations[name] = await seriousViolations(page);
    await screenshot(page, `${lang}-${name}`);
  };

  const newPage = async () => {
    // The browser's own locale (date fields, number formats) matches the language the test reads.
    const guarded = await guardedContext(browser, platform.url, lang === 'fr' ? 'fr-FR' : 'en-GB');
    contexts.push(guarded);
    return guarded.context.newPage();
  };

  /** French by default; English by the switch (which this browser then keeps). */
  const inLanguage = async (page: Page) => {
    const english = page.getByRole('button', { name: 'English' });
    await english.or(page.getByRole('button', { name: 'Français' })).first().waitFor();
    if (lang === 'en' && (await english.isVisible())) await english.click();
  };

  const signUp = async (page: Page, name: string, email: string) => {
    await page.goto('/sign-up');
    await inLanguage(page);
    await page.getByRole('heading', { name: L.auth.signUpTitle }).waitFor();
    await field(page, L.auth.displayName).fill(name);
    await field(page, L.auth.email).fill(email);
    await page.getByLabel(L.auth.password).fill(PASSWORD);
    await page.getByRole('button', { name: L.auth.signUp }).click();
    await page.getByRole('heading', { name: L.home.hello.replace('{{name}}', name) }).waitFor();
  };

  const signIn = async (page: Page, name: string, email: string) => {
    await page.goto('/sign-in');
    await inLanguage(page);
    await page.getByRole('heading', { name: L.auth.signInTitle }).waitFor();
    await field(page, L.auth.email).fill(email);
    await page.getByLabel(L.auth.password).fill(PASSWORD);
    await page.getByRole('button', { name: L.auth.signIn }).click();
    await page.getByRole('heading', { name: L.home.hello.replace('{{name}}', name) }).waitFor();
  };

  const registerCompany = async (page: Page, firm: { name: string; siren: string; capabilities: string }) => {
    await page.getByRole('link', { name: L.home.registerCompany }).click();
    await field(page, L.company.legalName).fill(firm.name);
    await page.getByLabel(L.company.siren).fill(firm.siren);
    await field(page, L.company.nafCode).fill('25.62B');
    await field(page, L.company.sizeBand).selectOption('10-49');
    await field(page, L.company.line1).fill('3 quai de la Fosse');
    await field(page, L.company.postalCode).fill('44000');
    await field(page, L.company.city).fill('Nantes');
    await field(page, L.company.description).fill(lang === 'fr' ? 'Atelier de mécanique de précision.' : 'Precision engineering workshop.');
    await page.getByLabel(L.company.capabilities).fill(firm.capabilities);
    await page.getByRole('button', { name: L.company.register }).click();
    await page.getByRole('heading', { name: firm.name, level: 1 }).waitFor();
  };

  const applyToTerritory = async (page: Page) => {
    await tab(page, L.company.tabs.territories).click();
    const select = field(page, L.memberships.territory);
    await eventually('the territory in the catalogue', async () => (await select.locator('option', { hasText: territoryName }).count()) > 0);
    await select.selectOption({ label: territoryName });
    // Territories learns of the new company and its admin from identity through Kafka: retry as a user would.
    await eventually('the application accepted', async () => {
      await page.getByRole('button', { name: L.memberships.applyButton }).click();
      await page.getByText(L.memberships.applied).or(page.getByRole('alert')).first().waitFor({ timeout: 5000 });
      return page.getByText(L.memberships.applied).isVisible();
    }, 30_000, page);
  };

  afterAll(async () => {
    for (const c of contexts) await c.context.close();
  });

  it('a coordinator creates the territory and takes charge of it', async () => {
    coordinator = await newPage();
    await coordinator.goto('/');
    await inLanguage(coordinator);
    await coordinator.getByRole('heading', { name: L.auth.signInTitle }).waitFor();
    await check(coordinator, 'sign-in');
    // PLATFORM_ADMIN_EMAILS names the coordinator: signed up in the first language, signed in in the second.
    if (lang === 'fr') await signUp(coordinator, 'Camille Martin', ADMIN);
    else await signIn(coordinator, 'Camille Martin', ADMIN);
    await coordinator.getByRole('navigation', { name: L.nav.main }).getByRole('link', { name: L.nav.territories }).click();
    await field(coordinator, L.territories.name).fill(territoryName);
    await field(coordinator, L.territories.description).fill(lang === 'fr' ? 'Le réseau des industriels du département.' : 'The network of the département’s manufacturers.');
    await field(coordinator, L.territories.level).selectOption('departement');
    await coordinator.getByLabel(L.territories.departements).fill('44');
    await coordinator.getByRole('button', { name: L.territories.create }).click();
    await coordinator.getByText(L.territories.created).waitFor();
    await visibleAfterReloads(coordinator, coordinator.getByRole('link', { name: territoryName }), 'the new territory listed');
    await coordinator.getByRole('link', { name: territoryName }).first().click();
    await coordinator.getByRole('heading', { name: territoryName }).waitFor();
    territoryUrl = new URL(coordinator.url()).pathname;
    await coordinator.getByRole('button', { name: L.territory.appointMe }).click();
    await coordinator.getByRole('button', { name: L.territory.appointMe }).waitFor({ state: 'detached' });
    await check(coordinator, 'territory-dashboard-empty');
  });

  it('two firms sign up, register and apply; the coordinator admits them from the onboarding queue', async () => {
    alice = await newPage();
    await signUp(alice, 'Alice Durand', `alice.${stamp}@example.fr`);
    await check(alice, 'home-new');
    await registerCompany(alice, firmA);
    await check(alice, 'company-profile');
    await applyToTerritory(alice);

    bob = await newPage();
    await signUp(bob, 'Bob Lefèvre', `bob.${stamp}@example.fr`);
    await registerCompany(bob, firmB);
    await applyToTerritory(bob);

    await coordinator.goto(`${territoryUrl}/onboarding`);
    for (const firm of [firmA, firmB]) {
      const row = coordinator.getByRole('row').filter({ hasText: firm.siren });
      await visibleAfterReloads(coordinator, row, `${firm.name} in the onboarding queue`);
      if (firm === firmA) await check(coordinator, 'territory-onboarding');
      await row.getByRole('button', { name: L.roster.admit }).click();
      await row.waitFor({ state: 'detached', timeout: 15_000 });
    }
    await coordinator.goto(`${territoryUrl}/members`);
    await visibleAfterReloads(coordinator, coordinator.getByRole('row').filter({ hasText: firmB.siren }), 'both firms among the members');
    await check(coordinator, 'territory-members');
  });

  it('a firm publishes a need, another expresses interest, and they close it with an agreement', async () => {
    await tab(alice, L.company.tabs.needs).click();
    await field(alice, L.needs.titleField).fill(needTitle);
    await field(alice, L.needs.description).fill(lang === 'fr' ? 'Deux cents pièces en inox 316L par trimestre, usinage et fraisage.' : 'Two hundred 316L stainless parts a quarter, machining and milling.');
    await alice.getByLabel(L.needs.capabilities).fill('usinage');
    await alice.getByLabel(L.needs.territory).fill('44');
    await field(alice, L.needs.deadline).fill(`${new Date().getUTCFullYear() + 1}-06-30`);
    await alice.getByRole('button', { name: L.needs.publishButton }).click();
    await alice.getByRole('heading', { name: needTitle, level: 1 }).waitFor();
    needUrl = new URL(alice.url()).pathname;

    await bob.getByRole('navigation', { name: L.nav.main }).getByRole('link', { name: L.nav.needs, exact: true }).click();
    await visibleAfterReloads(bob, bob.getByRole('link', { name: needTitle }), 'the need in discovery');
    await check(bob, 'needs');
    await bob.getByRole('link', { name: needTitle }).click();
    await bob.getByRole('heading', { name: needTitle, level: 1 }).waitFor();
    await bob.getByLabel(new RegExp(`^${L.needs.interestMessage.split('{{name}}')[0]}`)).fill(lang === 'fr' ? 'Nous avons un parc 5 axes.' : 'We run five-axis machines.');
    // Relations learns of Bob's new company from identity through Kafka: retry as a user would.
    // Once accepted, the form gives way to the interest and a button to withdraw it.
    const expressed = bob.getByText(L.needs.interestedAs);
    await eventually('the interest accepted', async () => {
      if (await expressed.isVisible()) return true;
      await bob.getByRole('button', { name: L.needs.expressInterest }).click();
      await expressed.or(bob.getByRole('alert')).first().waitFor({ timeout: 5000 });
      return expressed.isVisible();
    }, 30_000, bob);

    await alice.reload();
    await alice.getByRole('button', { name: L.needs.shortlist }).click();
    await alice.getByText(L.needs.shortlisted, { exact: true }).waitFor();
    await check(alice, 'need');
    await field(alice, L.needs.outcome).selectOption('agreement');
    await field(alice, L.needs.relationKind).selectOption('subcontractor');
    await alice.getByRole('button', { name: L.needs.closeButton }).click();
    await alice.getByText(L.outcomes.agreement).first().waitFor();
    await alice.getByRole('listitem').filter({ hasText: L.events.NeedClosed }).first().waitFor();
  });

  it('the coordinator sees the collaboration on the dashboard and the network map', async () => {
    await coordinator.goto(territoryUrl);
    const relations = coordinator.locator('.figures div').filter({ hasText: L.dashboard.relations }).locator('strong');
    await eventually(
      'the agreement counted on the dashboard',
      async () => {
        await coordinator.reload();
        await relations.waitFor({ timeout: 5000 });
        return (await relations.textContent()) === '1';
      },
      60_000,
    );
    await coordinator.getByText(L.dashboard.table).click();
    const month = new Date().toISOString().slice(0, 7);
    const row = coordinator.getByRole('row').filter({ has: coordinator.getByRole('rowheader', { name: month }) });
    // members, active firms, needs published, introductions, agreements, new relations, relations
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[0]).toBe('2');
    expect(Number(cells[2])).toBeGreaterThanOrEqual(1);
    expect(Number(cells[4])).toBe(1);
    expect(cells[6]).toBe('1');
    await check(coordinator, 'territory-dashboard');

    await tab(coordinator, L.territory.tabs.map).click();
    const map = coordinator.getByTestId('network-map');
    await map.waitFor();
    const label = await map.getAttribute('aria-label');
    expect(label).toBe(L.map.label.replace('{{firms}}', '2').replace('{{links}}', '1').replace('{{bridges}}', '0'));
    await coordinator.getByText(L.map.asText).click();
    await coordinator.getByRole('cell', { name: `${firmA.name} — ${firmB.name}` }).or(coordinator.getByRole('cell', { name: `${firmB.name} — ${firmA.name}` })).waitFor();
    // The date slider: at the end of last month neither firm was a member yet; back to today.
    const slider = coordinator.getByRole('slider');
    await slider.focus();
    await slider.press('ArrowLeft');
    await coordinator.getByText(L.map.empty).waitFor();
    await slider.press('End');
    await map.waitFor();
    await check(coordinator, 'territory-map');
  });

  it('the other main pages load, and pass axe-core', async () => {
    await coordinator.goto(`${territoryUrl}/import`);
    await field(coordinator, L.import.csv).fill(`siren,name,contact,groups\n${uniqueSiren()},Chaudronnerie du Port,contact@example.fr,export\n123,Bad row,,\n`);
    await coordinator.getByRole('button', { name: L.import.dryRun }).click();
    await coordinator.getByRole('heading', { name: L.import.dryRunReport }).waitFor();
    await coordinator.getByText(L.import.line.replace('{{line}}', '3')).waitFor();
    await check(coordinator, 'territory-import');
    await coordinator.goto(`${territoryUrl}/weaving`);
    await coordinator.getByRole('heading', { name: L.weaving.title }).waitFor();
    await check(coordinator, 'territory-weaving');
    await coordinator.goto(`${territoryUrl}/moderation`);
    await coordinator.getByRole('heading', { name: L.moderation.title }).waitFor();
    await check(coordinator, 'territory-moderation');

    // The partner sees the need's outcome and timeline from its side.
    await bob.goto(needUrl);
    await bob.getByText(L.outcomes.agreement).first().waitFor();

    await alice.goto('/meet');
    await alice.getByLabel(L.meet.searchLabel).fill('tôlerie');
    await alice.getByRole('button', { name: L.common.search }).click();
    await visibleAfterReloads(alice, alice.getByRole('link', { name: firmB.name }), 'partner search', 30_000).catch(() => undefined);
    await check(alice, 'meet');
    await alice.goto('/collectives');
    await alice.getByRole('heading', { name: L.collectives.title, level: 1 }).waitFor();
    await field(alice, L.collectives.name).fill(lang === 'fr' ? `Stand commun ${stamp}` : `Shared stand ${stamp}`);
    await field(alice, L.collectives.purpose).fill(lang === 'fr' ? 'Partager un stand au salon.' : 'Share a stand at the fair.');
    await field(alice, L.collectives.occasionTitle).fill('Global Industrie');
    await alice.getByRole('button', { name: L.collectives.proposeButton }).click();
    await alice.getByText(L.collectives.proposed).waitFor();
    await check(alice, 'collectives');
    await alice.goto('/me');
    await alice.getByRole('heading', { name: L.account.consents }).waitFor();
    await check(alice, 'account');
    await alice.goto('/');
    await check(alice, 'home');
  });

  it('had no serious or critical axe-core violation, asked nothing of another origin, and threw nothing', () => {
    const serious = Object.entries(violations).flatMap(([page, list]) => list.map((v) => `${page}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
    expect(serious).toEqual([]);
    expect(Object.keys(violations).length).toBeGreaterThanOrEqual(14);
    expect(contexts.flatMap((c) => c.foreign)).toEqual([]);
    expect(contexts.flatMap((c) => c.errors)).toEqual([]);
  });
});

describe('the demo (npm start -- --demo)', () => {
  const violations: Record<string, AxeViolation[]> = {};

  it('builds a territory whose map shows three trades joined by two bridges', async () => {
    await platform.waitFor('demo: done', 180_000);
    // Signed in as the launcher says to.
    const [, DEMO_ADMIN, DEMO_PASSWORD] = /demo: done\. Sign in as (\S+) \/ (\S+)/.exec(platform.output()) ?? [];
    const { context, foreign, errors } = await guardedContext(browser, platform.url, 'fr-FR');
    const page = await context.newPage();
    await page.goto('/sign-in');
    await field(page, fr.auth.email).fill(DEMO_ADMIN);
    await page.getByLabel(fr.auth.password).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: fr.auth.signIn }).click();
    await page.getByRole('heading', { name: fr.home.hello.replace('{{name}}', 'Camille Martin') }).waitFor();
    await page.getByRole('link', { name: 'Loire-Atlantique Industrie' }).first().click();
    await page.getByRole('heading', { name: 'Loire-Atlantique Industrie' }).waitFor();
    const territory = new URL(page.url()).pathname;
    const shoot = async (name: string) => {
      await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
      violations[name] = await seriousViolations(page);
      await screenshot(page, name);
    };
    // Territories counts the relations from relations' events: the last ones may still be on their way.
    const map = page.getByTestId('network-map');
    const expected = fr.map.label.replace('{{firms}}', '10').replace('{{links}}', '12').replace('{{bridges}}', '2');
    await eventually('the ten firms and twelve relations on the map', async () => {
      await page.goto(`${territory}/map`);
      await map.waitFor({ timeout: 10_000 });
      return (await map.getAttribute('aria-label')) === expected;
    }, 60_000);
    await field(page, fr.map.colourBy).selectOption('groups');
    await page.getByRole('listitem').filter({ hasText: 'naval (3)' }).waitFor();
    await shoot('demo-fr-map-groups');
    await page.goto(territory);
    await page.locator('.figures').waitFor();
    await shoot('demo-fr-dashboard');
    await page.goto(`${territory}/weaving`);
    await page.getByRole('heading', { name: fr.weaving.title }).waitFor();
    await shoot('demo-fr-weaving');
    // The need as its publisher sees it, in English: the partners ranked for it, and why.
    await page.getByRole('button', { name: fr.nav.signOut }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await field(page, en.auth.email).fill('hugo.demo@example.fr');
    await page.getByLabel(en.auth.password).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: en.auth.signIn }).click();
    await page.getByRole('heading', { name: en.home.hello.replace('{{name}}', 'Hugo Lemaire') }).waitFor();
    await page.goto('/needs');
    await page.getByRole('link', { name: "Usinage d'arbres d'hélice" }).click();
    await page.getByRole('heading', { name: "Usinage d'arbres d'hélice" }).waitFor();
    await page.getByRole('heading', { name: en.needs.partnersTitle }).waitFor();
    const why = page.locator('details.why');
    await why.first().waitFor();
    for (const details of await why.all()) await details.locator('summary').click();
    await page.getByRole('listitem').filter({ hasText: 'can do «rectification», which your need asks for' }).first().waitFor();
    await shoot('demo-en-need');
    await context.close();
    expect(Object.entries(violations).flatMap(([name, list]) => list.map((v) => `${name}: ${v.id} ${v.help}`))).toEqual([]);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });
});
