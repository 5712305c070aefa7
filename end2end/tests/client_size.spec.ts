// The browser's download: the JS and WASM a first visit to the dashboard fetches, counted as the
// server sends them (the brotli files `cargo leptos build --precompress` wrote), against a budget.
// docs/performance.md records the figures.
import { test, expect, Browser, Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { signInAsDemo, waitUntilHydrated } from './helpers';

const pkg = path.join(__dirname, '..', '..', 'target', 'site', 'pkg');

// Brotli bytes of the dashboard's first load: at most 160 KB (issue 14). In islands mode only the
// interactive parts hydrate, so they are all the browser fetches — see docs/performance.md.
const TARGET_KB = 160;

/** A first visit of the signed-in demo applicant: a new page with a cold cache (same session) and
 *  no service worker yet. */
async function firstVisit(browser: Browser): Promise<{ page: Page; done: () => Promise<void> }> {
  const signingIn = await browser.newPage();
  await signInAsDemo(signingIn);
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addCookies(await signingIn.context().cookies());
  const page = await context.newPage();
  return { page, done: async () => { await context.close(); await signingIn.close(); } };
}
const BUDGET_KB = Number(process.env.PORTICO_CLIENT_BUDGET_KB ?? TARGET_KB);

test('the dashboard’s first load fetches no more browser code than the budget', async ({ browser }, info) => {
  test.skip(info.project.name === 'no-javascript', 'without JavaScript no browser code is fetched at all');
  const { page, done } = await firstVisit(browser);
  const fetched = new Set<string>();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/pkg/') && /\.(js|wasm|json)$/.test(url.pathname)) fetched.add(path.basename(url.pathname));
  });
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await waitUntilHydrated(page);
  await page.waitForLoadState('networkidle');
  const sizes = [...fetched].sort().map((name) => {
    const brotli = path.join(pkg, `${name}.br`);
    const bytes = fs.existsSync(brotli) ? fs.statSync(brotli).size : fs.statSync(path.join(pkg, name)).size;
    return { name, kb: bytes / 1024 };
  });
  const total = sizes.reduce((sum, file) => sum + file.kb, 0);
  console.log(`dashboard first load, brotli: ${total.toFixed(1)} KB (budget ${BUDGET_KB} KB, target ${TARGET_KB} KB)`);
  for (const file of sizes) console.log(`  ${file.kb.toFixed(1).padStart(8)} KB  ${file.name}`);
  expect(sizes.some((file) => file.name.endsWith('.wasm')), 'the page hydrated from WASM').toBe(true);
  expect(total, sizes.map((f) => `${f.name}: ${f.kb.toFixed(1)} KB`).join(', ')).toBeLessThanOrEqual(BUDGET_KB);
  await done();
});

// Lighthouse's mobile connection: 1.6 Mbps down, 750 Kbps up, 150 ms round trips.
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 };

test('the dashboard becomes interactive on a slow mobile connection (time printed)', async ({ browser }, info) => {
  test.skip(info.project.name === 'no-javascript', 'without JavaScript the page is usable as soon as it is shown');
  // A measurement, not a check: `make tti` runs it (docs/performance.md). Timings on a shared
  // 2-core machine vary with whatever else runs, and one run of eight in a session with a CI build
  // beside it never showed the dashboard's heading within 30 s — not yet explained, so it stays
  // out of `make test` until it is.
  test.skip(!process.env.PORTICO_MEASURE_TTI, 'a measurement run by `make tti`, not part of make test');
  const { page, done } = await firstVisit(browser);
  page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
  const started = Date.now();
  await page.goto('/dashboard', { waitUntil: 'commit' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 30_000 });
  const shown = Date.now() - started;
  // Interactive: the banner's button answers a click (it does nothing until the page hydrated).
  const banner = page.getByRole('button', { name: 'Here’s how you know' });
  while ((await banner.getAttribute('aria-expanded')) !== 'true') {
    expect(Date.now() - started, 'hydrated within 40 s').toBeLessThan(40_000);
    await banner.click();
    await page.waitForTimeout(50);
  }
  const interactive = Date.now() - started;
  console.log(`dashboard on 1.6 Mbps / 150 ms RTT, cold cache: shown at ${(shown / 1000).toFixed(2)} s, interactive at ${(interactive / 1000).toFixed(2)} s`);
  await done();
});
