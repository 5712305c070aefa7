import { test, expect, Page } from '@playwright/test';
import * as fs from 'node:fs';
import { signInAsDemo, signOut } from './helpers';

// The U.S. Web Design System's own files make the look, and every page holds together on a
// 320 px phone: nothing wider than the screen, the navigation reachable with JavaScript (the
// "Menu" panel) and without it (laid out in the page).

const USWDS = '/uswds/3.14.0';

/// Elements that stick out past the right edge of the screen (what makes a phone scroll sideways).
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.right > width + 1 && !element.closest('.usa-sr-only');
      })
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')} (right ${Math.round(element.getBoundingClientRect().right)})`);
  });
}

async function expectFits(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await overflowing(page), `${path} at 320 px`).toEqual([]);
}

test('pages use USWDS, sent compressed and cached for good', async ({ page, request }) => {
  await page.goto('/');
  const stylesheets = await page.locator('link[rel="stylesheet"]').evaluateAll((links) => links.map((l) => l.getAttribute('href')));
  expect(stylesheets[0]).toBe(`${USWDS}/css/uswds.min.css`);
  // The banner and header are USWDS's: its stylesheet gives the banner its grey and the body its font.
  await expect(page.locator('.usa-banner')).toHaveCSS('background-color', 'rgb(240, 240, 240)');
  await expect(page.locator('html')).toHaveCSS('font-family', /Source Sans Pro Web/);

  const css = await request.get(`${USWDS}/css/uswds.min.css`, { headers: { 'accept-encoding': 'br' } });
  expect(css.status()).toBe(200);
  expect(css.headers()['content-encoding']).toBe('br');
  expect(css.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  const font = await request.get(`${USWDS}/fonts/source-sans-pro/sourcesanspro-regular-webfont.woff2`);
  expect(font.status()).toBe(200);
  expect(font.headers()['cache-control']).toContain('immutable');
  const sprite = await request.get(`${USWDS}/img/sprite.svg`);
  expect(sprite.status()).toBe(200);
});

test('every page fits a 320 px phone, and its navigation is reachable', async ({ page }, info) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of ['/', '/sign-in', '/sign-up', '/forgot-password', '/no-such-page']) await expectFits(page, path);

  await signInAsDemo(page);
  for (const path of ['/dashboard', '/cases/IOE0912345601', '/account', '/account/sign-in-settings', '/account/devices', '/security-events']) {
    await expectFits(page, path);
  }

  await page.goto('/dashboard');
  const nav = page.getByRole('navigation', { name: 'Main menu' });
  if (info.project.name === 'hydrated') {
    // Folded behind "Menu" until asked for; Escape puts it away and focus back on the button.
    await expect(nav.getByRole('link', { name: 'Account', exact: true })).toBeHidden();
    const menu = page.getByRole('button', { name: 'Menu', exact: true });
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(nav.getByRole('link', { name: 'Account', exact: true })).toBeVisible();
    await expect(nav.getByRole('button', { name: 'Close the menu' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(nav.getByRole('link', { name: 'Account', exact: true })).toBeHidden();
    await expect(menu).toBeFocused();
    await menu.click();
    await nav.getByRole('link', { name: 'Account', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Account', exact: true })).toBeHidden();
    await page.getByRole('button', { name: 'Menu', exact: true }).click();
  } else {
    // Without JavaScript there is no panel to open: the links are simply in the page.
    await expect(page.getByRole('button', { name: 'Menu', exact: true })).toBeHidden();
    await nav.getByRole('link', { name: 'Account', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  }
  await signOut(page);
});

test("the banner's explanation opens with JavaScript and is simply shown without it", async ({ page }, info) => {
  await page.goto('/');
  const explanation = page.getByText('Who runs this website');
  if (info.project.name === 'hydrated') {
    await expect(explanation).toBeHidden();
    const button = page.getByRole('button', { name: 'Here’s how you know' });
    // A click before the page has hydrated does nothing (the button is the server's HTML until
    // then): click again until it opens.
    await expect(async () => {
      if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
      await expect(button).toHaveAttribute('aria-expanded', 'true', { timeout: 1_000 });
    }).toPass();
    await expect(explanation).toBeVisible();
  } else {
    await expect(explanation).toBeVisible();
  }
});

test("a notice opens as a PDF from the case page, only while signed in", async ({ page }, info) => {
  await signInAsDemo(page);
  await page.goto('/cases/IOE0912345601');
  const link = page.getByRole('link', { name: 'I-797E Request for Evidence (PDF)' });
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/cases\/IOE0912345601\/notices\/\d+$/);
  // The browser's own request, with this session's cookie (headless Chromium downloads PDFs
  // rather than showing them, so the file is fetched rather than clicked).
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  const bytes = await response.body();
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  fs.writeFileSync(info.outputPath('notice.pdf'), bytes);
  await signOut(page);
  expect((await page.request.get(href!, { maxRedirects: 0 })).status()).toBe(303);
});
