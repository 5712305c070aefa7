import { test, expect, Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The applicant journey, run twice by playwright.config.ts: hydrated, and with JavaScript off
// (plain HTML forms). Each run links a different seeded record, since a record links only once.
const records: Record<string, { number: string; name: string; month: string; day: string; year: string; country: string; receipt: string; form: string }> = {
  hydrated: { number: 'A123456789', name: 'Ahmed Hassan Ali', month: '11', day: '2', year: '1979', country: 'Egypt', receipt: 'LIN2190123404', form: 'N-400' },
  'no-javascript': { number: 'A076543210', name: 'Sofia Ramirez Cruz', month: '2', day: '14', year: '1990', country: 'El Salvador', receipt: 'EAC2290123408', form: 'I-821D' },
};
const password = 'granite orchard velvet 42';

// The e2e server writes mail to this folder (scripts/e2e-server.sh): read it as the applicant's inbox.
const outbox = path.join(__dirname, '..', '..', 'data', 'e2e-outbox');

function decodeQuotedPrintable(raw: string): string {
  const bytes = raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

async function confirmationPath(email: string): Promise<string> {
  let found: string | undefined;
  await expect.poll(() => {
    const mails = fs.existsSync(outbox) ? fs.readdirSync(outbox).sort().map((f) => decodeQuotedPrintable(fs.readFileSync(path.join(outbox, f), 'latin1'))) : [];
    const mail = mails.filter((m) => m.includes(`To: ${email}\r\n`) && m.includes('Subject: Confirm your email address')).pop();
    found = mail?.match(/\/confirm-email\?token=[0-9a-f]{64}/)?.[0];
    return found;
  }).toBeTruthy();
  return found!;
}

async function signIn(page: Page, email: string, pass: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(pass);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

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

  await expect(page).toHaveURL(/\/link-record$/);
  await expect(page.getByRole('radio', { name: 'A-Number', exact: true })).toBeChecked();
  await page.getByLabel('A-Number or USCIS number').fill(record.number);
  await page.getByLabel('Full name').fill(record.name);
  await page.getByLabel('Month').fill(record.month);
  await page.getByLabel('Day').fill(record.day);
  await page.getByLabel('Year').fill(record.year);
  await page.getByLabel('Country of birth').fill(record.country);
  await page.getByRole('button', { name: 'Link my record' }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your cases' })).toBeVisible();
  await expect(page.getByText(`Receipt number ${record.receipt}`)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(email);

  await page.getByRole('link', { name: new RegExp(`^${record.form} — `) }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${record.receipt}$`));
  const history = page.getByRole('region', { name: 'Case history' }).getByRole('listitem');
  await expect(history.first()).toContainText('Case Was Received');
  expect(await history.count()).toBeGreaterThan(1);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in\?signed_out=1$/);
  await expect(page.getByRole('status')).toContainText('You have signed out');
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in\?required=1$/);
});

test('a wrong password is refused with a message tied to the form', async ({ page }) => {
  await signIn(page, 'demo@portico.test', 'definitely not the password');
  await expect(page).toHaveURL(/error=invalid_credentials/);
  await expect(page.getByRole('alert')).toContainText('The email or password you entered is not correct.');
});

test("another person's case answers not found", async ({ page }) => {
  await signIn(page, 'demo@portico.test', 'Harbor-Lantern-Portico-26');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText('Request for Additional Evidence Was Sent: respond by')).toBeVisible();
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
