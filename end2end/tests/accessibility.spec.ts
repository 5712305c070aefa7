import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { enterDemoCode } from './helpers';

// axe-core on every page, in English and Spanish, signed out, half-way through signing in, and
// signed in. Run once (hydrated): without JavaScript the server sends the same HTML.
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const signedOutPages = [
  '/', '/sign-in', '/sign-up', '/sign-up/check-email', '/confirm-email?token=x', '/forgot-password',
  '/forgot-password/check-email', '/reset-password?token=x', '/recover-sign-in?token=x', '/recover-sign-in/started',
  '/account/confirm-email-change?token=x', '/no-such-page', '/sign-in?error=invalid_credentials',
  '/sign-up?error=password_too_weak',
];
const pendingPages = ['/sign-in/verify', '/sign-in/verify?method=backup_code', '/sign-in/recover'];
const signedInPages = [
  '/dashboard', '/cases/IOE0912345601', '/account', '/account/sign-in-settings', '/account/devices',
  '/security-events', '/account/backup-codes', '/account/authenticator', '/link-record',
  '/link-record/access-code', '/link-record/dispute', '/add-case', '/add-case?error=case_not_added', '/account/address',
  '/account/address?error=address_invalid&reason=address_zip_shape',
  '/account/sign-in-settings?error=code_invalid', '/cases/EAC2290123403/inquiries',
  '/cases/EAC2290123403/inquiries?error=message_invalid', '/cases/IOE0912345601/evidence',
  '/cases/IOE0912345601/evidence?error=file_corrupt', '/cases/IOE0912345601/evidence?error=signature_mismatch',
];

async function expectNoViolations(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `${path} in ${await page.locator('html').getAttribute('lang')}`).toEqual([]);
}

async function useLanguage(page: Page, lang: 'en' | 'es') {
  const other = lang === 'es' ? 'Español' : 'English';
  const switchButton = page.getByRole('button', { name: other, exact: true });
  if (await switchButton.count()) await switchButton.click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

for (const lang of ['en', 'es'] as const) {
  test(`every page passes axe (WCAG 2.1 AA) in ${lang}`, async ({ page }, info) => {
    test.skip(info.project.name === 'no-javascript', 'axe runs in the page; the no-JavaScript HTML is the same');
    test.setTimeout(180_000);
    await page.goto('/');
    await useLanguage(page, lang);
    for (const path of signedOutPages) await expectNoViolations(page, path);

    // By field names, not labels: the labels are in the language under test.
    await page.goto('/sign-in');
    await page.locator('input[name="email"]').fill('demo@portico.test');
    await page.locator('input[name="password"]').fill('Harbor-Lantern-Portico-26');
    await page.locator('form.usa-form button[type="submit"]').click();
    await expect(page).toHaveURL(/\/sign-in\/verify/);
    for (const path of pendingPages) await expectNoViolations(page, path);
    await page.goto('/sign-in/verify');
    await enterDemoCode(
      page, page.locator('input[name="code"]'), page.locator('form:has(input[name="code"]) button[type="submit"]'), /\/dashboard$/);
    // Signed in, the page follows the account's language: set it the same way.
    await useLanguage(page, lang);
    for (const path of signedInPages) await expectNoViolations(page, path);
    // The reschedule page's address holds the appointment's id: taken from the case page's link.
    await page.goto('/cases/EAC2290123403');
    const reschedule = await page.locator('a[href$="/reschedule"]').first().getAttribute('href');
    for (const path of [reschedule!, `${reschedule}?error=slot_taken`, `${reschedule}?error=reason_required`]) {
      await expectNoViolations(page, path);
    }
    // The demo's answered inquiry (seed), from its case page's link.
    await page.goto('/cases/IOE0912345601');
    const thread = await page.locator('a[href*="/inquiries/"]').first().getAttribute('href');
    for (const path of [thread!, `${thread}?error=inquiry_closed`]) await expectNoViolations(page, path);
    // Leave the demo account in English for the other tests.
    await useLanguage(page, 'en');
    await page.locator('form[action="/api/sign_out"] button, form:has(button:text-is("Sign out")) button').first().click();
    await expect(page).toHaveURL(/\/sign-in\?signed_out=1$/);
  });
}
