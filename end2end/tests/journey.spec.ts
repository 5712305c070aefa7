import { test, expect } from '@playwright/test';
import {
  password, mailsTo, fromNewestMail, newestTextCode, confirmationPath, totp, enterPassword, signUpConfirmed,
  signInWithEmailCode, signInAsDemo, mailedAccessCode, signOut, waitUntilHydrated,
} from './helpers';

// The applicant journey, run twice by playwright.config.ts: hydrated, and with JavaScript off
// (plain HTML forms). Each run links a different seeded record, since a record links only once.
// The hydrated run links with the details alone, waits as a pending account and finishes with the
// code from the Account Access Notice "mailed" to the record's address; the run without JavaScript
// types the demo notice's code into the form and links at once.
const records: Record<string, { number: string; name: string; month: string; day: string; year: string; country: string; receipt: string; form: string; code?: string }> = {
  hydrated: { number: 'A123456789', name: 'Ahmed Hassan Ali', month: '11', day: '2', year: '1979', country: 'Egypt', receipt: 'LIN2190123404', form: 'N-400' },
  'no-javascript': { number: 'A076543210', name: 'Sofia Ramirez Cruz', month: '2', day: '14', year: '1990', country: 'El Salvador', receipt: 'EAC2290123408', form: 'I-821D', code: 'SFRC-3T8N-2MVZ' },
};

test('a new applicant creates an account, links a record, follows a case and signs out', async ({ page }, info) => {
  const record = records[info.project.name];
  const email = `e2e-${info.project.name}-${Date.now()}@example.com`;

  await page.goto('/');
  await page.getByRole('link', { name: 'Create an account' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/sign-up\/check-email$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
  await page.goto(await confirmationPath(email));
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page).toHaveURL(/\/sign-in\?confirmed=1$/);
  await expect(page.getByRole('status')).toContainText('Your email address is confirmed');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();

  // No authenticator app yet: the second factor is a code sent by email.
  await expect(page).toHaveURL(/\/sign-in\/verify\?method=email$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Enter the code we emailed you' })).toBeVisible();
  await page.getByLabel('Email code').fill(await fromNewestMail(email, 'Your Portico sign-in code', /code is:\s+(\d{6})/));
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page).toHaveURL(/\/link-record$/);
  await expect(page.getByRole('radio', { name: 'A-Number', exact: true })).toBeChecked();
  await page.getByLabel('A-Number or USCIS number').fill(record.number);
  await page.getByLabel('Full name').fill(record.name);
  await page.getByLabel('Month').fill(record.month);
  await page.getByLabel('Day').fill(record.day);
  await page.getByLabel('Year').fill(record.year);
  await page.getByLabel('Country of birth').fill(record.country);
  if (record.code) await page.getByLabel('Online access code (if you have one)').fill(record.code);
  await page.getByRole('button', { name: 'Link my record' }).click();

  if (!record.code) {
    await expect(page).toHaveURL(/\/link-record\/access-code$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Enter your online access code' })).toBeVisible();
    await page.getByLabel('Online access code', { exact: true }).fill(await mailedAccessCode(record.number));
    await page.getByRole('button', { name: 'Finish linking' }).click();
  }
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your cases' })).toBeVisible();
  await expect(page.getByText(`Receipt number ${record.receipt}`)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toContainText(email);

  await page.getByRole('link', { name: new RegExp(`^${record.form} — `) }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${record.receipt}$`));
  // The history's entries, by their headings (each entry also holds a list of its own).
  const history = page.getByRole('region', { name: 'Case history' }).getByRole('heading', { level: 3 });
  // Newest first, like the notices beside it: the case began with "Case Was Received".
  await expect(history.last()).toContainText('Case Was Received');
  expect(await history.count()).toBeGreaterThan(1);
  // Printed, the case page is its content: no menus, no forms, the history still there.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
  await expect(history.last()).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // Moving (AR-11): a mistake is said beside its field and nothing typed is lost; the new address
  // then reaches the case's history.
  await page.getByRole('link', { name: 'Account', exact: true }).click();
  await page.getByRole('navigation', { name: 'Account pages' }).getByRole('link', { name: 'Your address' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your address' })).toBeVisible();
  await page.getByLabel('Street address, PO box or military unit').fill('12 Elm St');
  await page.getByLabel('City or town').fill('Houston');
  await page.getByLabel('State, or province or region').fill('TX');
  await page.getByLabel('ZIP code or postal code').fill('7700');
  await page.getByRole('button', { name: 'Report my new address' }).click();
  await expect(page.getByText('Enter a 5-digit ZIP code, or ZIP+4 like 77002-1234.').first()).toBeVisible();
  await expect(page.getByLabel('Street address, PO box or military unit')).toHaveValue('12 Elm St');
  await page.getByLabel('ZIP code or postal code').fill('77002');
  await page.getByRole('button', { name: 'Report my new address' }).click();
  await expect(page.getByText(/Your new address was recorded on \d pending case\(s\)\./)).toBeVisible();
  await expect(page.getByText('Houston TX 77002').first()).toBeVisible();
  await page.goto(`/cases/${record.receipt}`);
  await expect(history.first()).toContainText('Case Was Updated To Show That Address Was Changed');

  // Set up an authenticator app: the code is computed here from the key the page shows.
  // Sign-in settings is one of the account pages, listed in their side navigation.
  await page.getByRole('link', { name: 'Account', exact: true }).click();
  await page.getByRole('navigation', { name: 'Account pages' }).getByRole('link', { name: 'Sign-in settings' }).click();
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await expect(page).toHaveURL(/\/account\/authenticator$/);
  await expect(page.getByRole('img', { name: /QR code for adding Portico/ })).toBeVisible();
  const secret = (await page.locator('.secret-key code').textContent())!.replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel('Code from the app').fill(totp(secret));
  await page.getByRole('button', { name: 'Finish set-up' }).click();
  await expect(page).toHaveURL(/\/account\/backup-codes\?new=1$/);
  const codes = page.getByRole('list', { name: 'Backup codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const backupCode = (await codes.first().textContent())!.trim();
  await page.getByRole('link', { name: 'I have saved my codes' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await signOut(page);
  await expect(page.getByRole('status')).toContainText('You have signed out');
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in\?required=1$/);

  // Sign in with the app. The step used at set-up is spent, so use the next one (one step of
  // drift is accepted).
  await enterPassword(page, email, password);
  await expect(page).toHaveURL(/\/sign-in\/verify$/);
  await page.getByLabel('Authenticator code').fill(totp(secret, 1));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await signOut(page);

  // Without the phone: a backup code, once.
  await enterPassword(page, email, password);
  await page.getByRole('link', { name: 'Use a backup code' }).click();
  await page.getByLabel('Backup code').fill(backupCode);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await signOut(page);
  await enterPassword(page, email, password);
  await page.getByRole('link', { name: 'Use a backup code' }).click();
  await page.getByLabel('Backup code').fill(backupCode);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toContainText('That code is not correct');
});

test('a wrong password is refused with a message tied to the form', async ({ page }) => {
  await enterPassword(page, 'demo@portico.test', 'definitely not the password');
  await expect(page).toHaveURL(/error=invalid_credentials/);
  await expect(page.getByRole('alert')).toContainText('The email or password you entered is not correct.');
});

test("another person's case answers not found", async ({ page }) => {
  await signInAsDemo(page);
  await expect(page.getByText(/IOE0912345601 — Request for Additional Evidence Was Sent: respond by/)).toBeVisible();
  const response = await page.goto('/cases/LIN2190123404');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Case not found' })).toBeVisible();
});

test('the page hydrates: "Show password" works only with WebAssembly running', async ({ page }, info) => {
  await page.goto('/sign-in');
  const field = page.getByLabel('Password', { exact: true });
  const toggle = page.getByRole('button', { name: 'Show password' });
  if (info.project.name === 'hydrated') {
    await expect(toggle).toBeVisible();
    await expect(field).toHaveAttribute('type', 'password');
    await toggle.click();
    await expect(field).toHaveAttribute('type', 'text');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  } else {
    await expect(toggle).toBeHidden();
    await expect(field).toHaveAttribute('type', 'password');
  }
});


test('a forgotten password is reset from the emailed link; the second factor is still asked', async ({ page }, info) => {
  const email = `e2e-reset-${info.project.name}-${Date.now()}@example.com`;
  await signUpConfirmed(page, email, password);

  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page).toHaveURL(/\/forgot-password\/check-email$/);
  await page.goto(await fromNewestMail(email, 'Reset your Portico password', /(\/reset-password\?token=[0-9a-f]{64})/));

  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  const field = page.getByLabel('New password', { exact: true });
  await field.fill('passwordpassword1');
  if (info.project.name === 'hydrated') {
    // The live meter runs the server's rule in the browser.
    await expect(page.getByText(/Password strength: Weak/)).toBeVisible();
  }
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('alert')).toContainText('This password would be easy to guess');
  const newPassword = 'copper lighthouse meadow 77';
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  if (info.project.name === 'hydrated') {
    await expect(page.getByText(/Password strength: (Strong enough|Very strong)/)).toBeVisible();
  }
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page).toHaveURL(/\/sign-in\?password_reset=1$/);
  await expect(page.getByRole('status')).toContainText('Your password is changed');

  await enterPassword(page, email, password);
  await expect(page.getByRole('alert')).toContainText('The email or password you entered is not correct.');
  await signInWithEmailCode(page, email, newPassword);
  await expect(page).toHaveURL(/\/link-record$/);
});

test('pages carry a nonce-based Content-Security-Policy and hydrate under it', async ({ page }, info) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  const response = await page.goto('/sign-in');
  const policy = response!.headers()['content-security-policy'];
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]+' 'wasm-unsafe-eval'/);
  expect(policy).not.toContain('unsafe-inline');
  if (info.project.name === 'hydrated') {
    await page.getByRole('button', { name: 'Show password' }).click();
    await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('type', 'text');
  }
  expect(violations).toEqual([]);
});

test('an idle session warns two minutes before it ends and "Stay signed in" keeps it', async ({ page }, info) => {
  test.skip(info.project.name !== 'hydrated', 'the warning is a JavaScript countdown; without it the server still ends the session');
  await page.clock.install();
  await signInAsDemo(page);
  // The page hydrates from a requestIdleCallback, which the installed clock also controls: let it
  // fire, and wait until the page answers as a hydrated one (the banner's button toggles) before
  // moving time — otherwise the countdown would start only after the first jump.
  await page.clock.runFor(3000);
  await waitUntilHydrated(page);
  const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });
  await expect(warning).toBeHidden();
  await page.clock.fastForward('12:30');
  await expect(warning).toBeHidden();
  await page.clock.fastForward('00:45');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('you will be signed out in 1:');
  await page.getByRole('button', { name: 'Stay signed in' }).click();
  await expect(warning).toBeHidden();
  // Left alone for the whole 15 minutes, the page signs out.
  await page.clock.fastForward('15:05');
  await expect(page).toHaveURL(/\/sign-in\?timed_out=1$/);
  await expect(page.getByRole('status')).toContainText('signed out after 15 minutes without activity');
});

test('an applicant adds a phone, signs in with a texted code and switches Portico to Spanish', async ({ page }, info) => {
  const email = `e2e-phone-${info.project.name}-${Date.now()}@example.com`;
  const phone = info.project.name === 'hydrated' ? '+12025550171' : '+12025550172';
  await signUpConfirmed(page, email, password);
  await signInWithEmailCode(page, email, password);
  await expect(page).toHaveURL(/\/link-record$/);

  await page.getByRole('link', { name: 'Account', exact: true }).click();
  await page.getByRole('link', { name: 'Sign-in settings' }).click();
  await page.getByLabel('Phone number').fill(`(202) 555-${phone.slice(-4)}`);
  await page.getByRole('button', { name: 'Text me a code' }).click();
  await expect(page.getByRole('status')).toContainText('We texted a code to your phone');
  await page.getByLabel('Code from the text message').fill(await newestTextCode(phone, 0));
  await page.getByRole('button', { name: 'Confirm phone' }).click();
  await expect(page.getByRole('status')).toContainText('Your phone is confirmed');
  await expect(page.getByText(`Codes can be texted to •••-•••-${phone.slice(-4)}`)).toBeVisible();

  await signOut(page);
  await enterPassword(page, email, password);
  await expect(page).toHaveURL(/\/sign-in\/verify\?method=email$/);
  await page.getByRole('button', { name: `Text a code to •••-•••-${phone.slice(-4)}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Enter the code we texted you' })).toBeVisible();
  await page.getByLabel('Text message code').fill(await newestTextCode(phone, 1));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/link-record$/);

  await page.getByRole('link', { name: 'Account', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  // USWDS draws its own radio button over the real one: a person clicks the label.
  await page.getByRole('main').getByText('Español', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Español' })).toBeChecked();
  await page.getByRole('button', { name: 'Save language' }).click();
  // The whole page comes back in Spanish, and stays so: the choice is kept in the account.
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1, name: 'Su cuenta' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Se guardó su idioma');
  await expect(page.getByRole('radio', { name: 'Español' })).toBeChecked();
  await page.getByRole('link', { name: 'Panel' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sus casos' })).toBeVisible();
});

test('a visitor switches the site between English and Spanish from the header', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1, name: 'Iniciar sesión' })).toBeVisible();
  await expect(page.getByLabel('Correo electrónico')).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test('the dashboard still reads offline, with a banner, and nothing is left after signing out', async ({ page, context }, info) => {
  test.skip(info.project.name === 'no-javascript', 'a service worker needs JavaScript; without it the browser has no offline copy to show');
  await signInAsDemo(page);
  // The worker installs on this first page; once it controls the page, the next load is kept.
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await page.reload();
  await expect(page.getByText('IOE0912345601').first()).toBeVisible();
  await page.goto('/cases/IOE0912345601');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await context.setOffline(true);
  await page.goto('/dashboard');
  await expect(page.getByRole('status').filter({ hasText: 'You are offline — showing your cases as of' })).toBeVisible();
  await expect(page.getByText('IOE0912345601').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeDisabled();
  await page.goto('/cases/IOE0912345601');
  await expect(page.getByText(/You are offline/)).toBeVisible();

  // Back online, the page loads the live copy by itself.
  await context.setOffline(false);
  // (It asks the server at the "online" event and every 5 seconds; the emulated network of the
  // service worker can come back a little after the page's, so allow several rounds.)
  await expect(page.getByText(/You are offline/)).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeEnabled();

  const savedPages = () => page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('portico-pages-')));
  expect(await savedPages()).toHaveLength(1);
  await signOut(page);
  await expect.poll(savedPages).toEqual([]);
  await context.setOffline(true);
  await page.goto('/dashboard').catch(() => {});
  await expect(page.getByText('IOE0912345601')).toHaveCount(0);
  await context.setOffline(false);
});

test('offline copies go when the session they were saved under has ended by timeout', async ({ page, context }, info) => {
  test.skip(info.project.name === 'no-javascript', 'a service worker needs JavaScript; without it the browser keeps no offline copy');
  await signInAsDemo(page);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await page.reload();
  await expect(page.getByText('IOE0912345601').first()).toBeVisible();
  const savedPages = () => page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('portico-pages-')));
  await expect.poll(savedPages).toHaveLength(1);

  // The copy carries the session's end (idle timeout or absolute end, from the server). Age it past
  // that end, as 15 idle minutes would, instead of waiting for them.
  const ends = await page.evaluate(async () => {
    const name = (await caches.keys()).find((n) => n.startsWith('portico-pages-'))!;
    const cache = await caches.open(name);
    const saved = (await cache.match('/dashboard'))!;
    const headers = new Headers(saved.headers);
    const ends = headers.get('x-portico-session-ends');
    headers.set('x-portico-session-ends', new Date(Date.now() - 1000).toISOString());
    await cache.put('/dashboard', new Response(await saved.text(), { headers }));
    return ends;
  });
  expect(Date.parse(ends!)).toBeGreaterThan(Date.now());

  await context.setOffline(true);
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: 'Your session ended' })).toBeVisible();
  await expect(page.getByText('IOE0912345601')).toHaveCount(0);
  await expect.poll(savedPages).toEqual([]);
  await context.setOffline(false);
});

test('static files are served compressed, under hashed names, cached for a year', async ({ page, request }) => {
  await page.goto('/');
  const wasm = await page.evaluate(() =>
    [...document.querySelectorAll('link')].map((l) => l.getAttribute('href') ?? '').find((h) => h.endsWith('.wasm')));
  const css = await page.evaluate(() => document.querySelector('link[rel="stylesheet"][href^="/pkg/"]')?.getAttribute('href'));
  for (const file of [wasm, css]) {
    expect(file).toMatch(/^\/pkg\/portico\.[A-Za-z0-9_-]{10,}\.(wasm|css)$/);
    const response = await request.get(file!, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.status()).toBe(200);
    expect(response.headers()['content-encoding']).toBe('br');
    expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  }
  const manifest = await request.get('/manifest.webmanifest');
  expect((await manifest.json()).start_url).toBe('/dashboard');
});

test('the strength meter counts what was typed before the page finished loading', async ({ page }, info) => {
  test.skip(info.project.name === 'no-javascript', 'the meter runs in WebAssembly; without it the server answers');
  // Hold the WebAssembly back until the password is typed, as on a slow connection.
  let typed: () => void = () => {};
  const typing = new Promise<void>((resolve) => { typed = resolve; });
  await page.route('**/*.wasm', async (route) => { await typing; await route.continue(); });
  await page.goto('/sign-up', { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Password', { exact: true }).fill('passwordpassword1');
  typed();
  await expect(page.getByText('Password strength: Weak')).toBeVisible();
});
