import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';

const ROOT = resolve(__dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

/** Debian's Chromium (INFRA.md): `tools/install-chromium.sh` installs it when missing; CHROMIUM_PATH overrides. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`bash tools/install-chromium.sh\` (the test command does), or set CHROMIUM_PATH`);
  return path;
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // SwiftShader gives the network map its WebGL without a GPU.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'],
  });

/**
 * A browser context that records what a page must never do: ask anything of another origin
 * (fonts, scripts and styles are bundled), or throw an uncaught error.
 */
export async function guardedContext(browser: Browser, origin: string, locale = 'fr-FR'): Promise<{ context: BrowserContext; foreign: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: origin, locale });
  const foreign: string[] = [];
  const errors: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  context.on('page', (page) => page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`)));
  return { context, foreign, errors };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** axe-core's WCAG 2.1 A/AA rules on the page as it is now; the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Injected through the DevTools protocol: the page's own CSP (script-src 'self') stays enforced.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const options = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } };
  // Evaluated in the page (a string: this file is compiled without the DOM's types).
  const violations = (await page.evaluate(
    `axe.run(document, ${JSON.stringify(options)}).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  )) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
