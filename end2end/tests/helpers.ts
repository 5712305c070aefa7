// Helpers shared by the browser tests: the applicant's inbox and phone (files the e2e server's
// SMTP sink and text outbox write), an independent TOTP, and the sign-in steps.
import { expect, Locator, Page } from '@playwright/test';
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const password = 'granite orchard velvet 42';

// The e2e server writes mail to this folder (scripts/e2e-server.sh): read it as the applicant's inbox.
export const outbox = path.join(__dirname, '..', '..', 'data', 'e2e-outbox');

export function decodeQuotedPrintable(raw: string): string {
  const bytes = raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

export function mailsTo(email: string, subject: string): string[] {
  const mails = fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith('.eml')).sort().map((f) => decodeQuotedPrintable(fs.readFileSync(path.join(outbox, f), 'latin1'))) : [];
  return mails.filter((m) => m.includes(`To: ${email}\r\n`) && m.includes(`Subject: ${subject}\r\n`));
}

/// Waits for the newest mail to `email` with `subject` that `pattern` finds something in, and returns it.
export async function fromNewestMail(email: string, subject: string, pattern: RegExp, notBefore = 0): Promise<string> {
  let found: string | undefined;
  await expect.poll(() => {
    const mails = mailsTo(email, subject);
    found = mails.length > notBefore ? mails.pop()?.match(pattern)?.[1] : undefined;
    return found;
  }).toBeTruthy();
  return found!;
}

// Text messages kept by the log-only sender (scripts/e2e-server.sh): read them as the applicant's phone.
export const textsOutbox = path.join(__dirname, '..', '..', 'data', 'e2e-texts');

export async function newestTextCode(phone: string, notBefore: number): Promise<string> {
  let code: string | undefined;
  await expect.poll(() => {
    const texts = textsTo(phone);
    code = texts.length > notBefore ? texts.pop()?.match(/\n\n(\d{6}) /)?.[1] : undefined;
    return code;
  }).toBeTruthy();
  return code!;
}

export function textsTo(phone: string): string[] {
  if (!fs.existsSync(textsOutbox)) return [];
  return fs.readdirSync(textsOutbox).sort()
    .map((f) => fs.readFileSync(path.join(textsOutbox, f), 'utf8'))
    .filter((t) => t.startsWith(`To: ${phone}\n`));
}

// Letters to a record's postal address (scripts/e2e-server.sh): the Account Access Notice's code.
export const paperOutbox = path.join(__dirname, '..', '..', 'data', 'e2e-paper');

export async function mailedAccessCode(identifier: string): Promise<string> {
  let code: string | undefined;
  await expect.poll(() => {
    const letters = fs.existsSync(paperOutbox)
      ? fs.readdirSync(paperOutbox).sort().map((f) => fs.readFileSync(path.join(paperOutbox, f), 'utf8'))
        .filter((l) => l.startsWith(`Record: ${identifier}\n`))
      : [];
    code = letters.pop()?.match(/to finish: ([A-Z0-9-]{14})/)?.[1];
    return code;
  }).toBeTruthy();
  return code!;
}

export const confirmationPath = (email: string) =>
  fromNewestMail(email, 'Confirm your email address', /(\/confirm-email\?token=[0-9a-f]{64})/);

/// RFC 6238 TOTP (SHA-1, 6 digits, 30 s) computed here, independently of the server.
export function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text.replace(/\s/g, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

export function totp(secretBase32: string, stepOffset = 0): string {
  return totpForStep(secretBase32, Math.floor(Date.now() / 1000 / 30) + stepOffset);
}

export function totpForStep(secretBase32: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(value % 1_000_000).padStart(6, '0');
}

export async function enterPassword(page: Page, email: string, pass: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(pass);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signUpConfirmed(page: Page, email: string, pass: string) {
  await page.goto('/sign-up');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(pass);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/sign-up\/check-email$/);
  await page.goto(await confirmationPath(email));
  await page.getByRole('button', { name: 'Confirm my email' }).click();
  await expect(page).toHaveURL(/\/sign-in\?confirmed=1$/);
}

/// Signs in with the password and a code from the email (accounts without an authenticator app).
export async function signInWithEmailCode(page: Page, email: string, pass: string) {
  const before = mailsTo(email, 'Your Portico sign-in code').length;
  await enterPassword(page, email, pass);
  await expect(page).toHaveURL(/\/sign-in\/verify\?method=email$/);
  await page.getByLabel('Email code').fill(await fromNewestMail(email, 'Your Portico sign-in code', /code is:\s+(\d{6})/, before));
  await page.getByRole('button', { name: 'Continue' }).click();
}

// The demo accounts' authenticator key (README; the demo applicant and the demo staff share it).
// A step the server accepted is never accepted again for that account, and several tests sign in
// as the same account within seconds, so the last step used is kept in a file per account and the
// next sign-in uses a later one (waiting for the clock when one step ahead is used up).
export const demoSecret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const stepFile = (account: string) => path.join(__dirname, '..', '..', 'data', `e2e-last-step-${account}`);

export async function nextDemoCode(account = 'demo@portico.test'): Promise<string> {
  const demoStepFile = stepFile(account);
  const last = fs.existsSync(demoStepFile) ? Number(fs.readFileSync(demoStepFile, 'utf8')) : 0;
  for (;;) {
    const current = Math.floor(Date.now() / 1000 / 30);
    const step = Math.max(last + 1, current - 1);
    if (step <= current + 1) {
      fs.writeFileSync(demoStepFile, String(step));
      return totpForStep(demoSecret, step);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Gives the demo authenticator's next code until the server takes one. Tests in other workers
 *  sign the same demo accounts in: the step file hands each a step of its own, but two sign-ins
 *  can reach the server in the other order, and a code older than the last one used is a replay
 *  (refused, as it should be). Then the next step is tried. */
export async function enterDemoCode(page: Page, field: Locator, submit: Locator, done: RegExp, account = 'demo@portico.test') {
  for (let attempt = 1; ; attempt++) {
    await field.fill(await nextDemoCode(account));
    await submit.click();
    try {
      await expect(page).toHaveURL(done, { timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 3 || !/[?&]error=/.test(page.url())) throw error;
    }
  }
}

export async function signInAsDemo(page: Page) {
  await enterPassword(page, 'demo@portico.test', 'Harbor-Lantern-Portico-26');
  await expect(page.getByRole('heading', { level: 1, name: 'Enter the code from your authenticator app' })).toBeVisible();
  await enterDemoCode(page, page.getByLabel('Authenticator code'), page.getByRole('button', { name: 'Continue' }), /\/dashboard$/);
}

/** Signs out and waits until the server has ended the session (the signed-out page is shown);
 *  a request made before that would still carry the live session. */
export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in\?signed_out=1$/);
}

// The demo staff (README): one published password, and the demo authenticator key.
export const staffPassword = 'Quay-Beacon-Console-26';
export const officerEmail = 'officer@portico.test';
export const adminEmail = 'admin@portico.test';
export const agentEmail = 'agent@portico.test';

/** Signs a demo staff member in at the staff door (password and authenticator code in one form). */
export async function signInAsStaff(page: Page, email: string) {
  await page.goto('/staff/sign-in');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(staffPassword);
  const signIn = page.getByRole('button', { name: 'Sign in' });
  await enterDemoCode(page, page.getByLabel('Authenticator code'), signIn, /\/staff(\?(?!error=).*)?$/, email);
}

/** Waits until the page answers as a hydrated one (the banner's button toggles), e.g. before
 *  moving a fake clock: the countdowns start only once the page has hydrated. */
export async function waitUntilHydrated(page: Page) {
  const banner = page.getByRole('button', { name: 'Here’s how you know' });
  await expect(async () => {
    await banner.click();
    await expect(banner).toHaveAttribute('aria-expanded', 'true', { timeout: 500 });
  }).toPass();
  await banner.click();
}
