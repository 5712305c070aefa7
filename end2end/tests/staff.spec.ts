import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {
  adminEmail, agentEmail, enterPassword, mailedAccessCode, mailsTo, officerEmail, password, signInAsDemo, signInAsStaff,
  signInWithEmailCode, signOut, signUpConfirmed, waitUntilHydrated,
} from './helpers';

// The officer's side of a case, and the applicant's page following it live.

/** An officer finds a case by its receipt number and opens it. */
async function openCase(page: Page, receipt: string) {
  await page.goto('/staff');
  await page.getByLabel('Receipt number, A-Number or name').fill(receipt);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: receipt }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Case ${receipt}` })).toBeVisible();
}

test('an officer finds a case, asks for evidence and sees the notice issued', async ({ page }, info) => {
  // Queue cases under review (seed): one for each project, since both share the server.
  const receipt = info.project.name === 'hydrated' ? 'WAC2390000102' : 'EAC2390000109';
  await signInAsStaff(page, officerEmail);
  await expect(page.getByRole('heading', { level: 2, name: /New York City Field Office/ })).toBeVisible();
  await openCase(page, receipt);
  await page.getByLabel('What is requested').fill('Evidence of your continuous residence since 2019, such as leases.');
  await page.getByRole('button', { name: 'Send the request for evidence' }).click();
  await expect(page.getByText('The case was changed and the applicant will be told.')).toBeVisible();
  await expect(page.locator('dd').first()).toHaveText('Request for Additional Evidence Was Sent');
  await expect(page.getByText(/I-797E — Request for Additional Evidence Was Sent \(response due/)).toBeVisible();
  // A form that no longer matches the case (an old version) is refused with the reason.
  await page.goBack();
  await page.goto(`/staff/cases/${receipt}?error=case_changed`);
  await expect(page.getByText('This case changed while you were working on it.')).toBeVisible();
});

test("the applicant's open dashboard shows an officer's change without a reload, and the mail arrives", async ({ page, browser }, info) => {
  test.skip(info.project.name === 'no-javascript', 'live status needs JavaScript; without it the page is current when loaded (integration tests)');
  const receipt = 'EAC2290123403';
  const listening = page.waitForResponse((r) => r.url().endsWith('/live'));
  await signInAsDemo(page);
  await listening;
  // María's I-131 card on the dashboard.
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^I-131/ }) });
  await expect(card).toContainText('Biometrics Appointment Was Scheduled');

  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await signInAsStaff(officer, officerEmail);
  await openCase(officer, receipt);
  await officer.getByLabel('New status').selectOption({ label: 'Case Was Updated To Show Fingerprints Were Taken' });
  await officer.getByRole('button', { name: 'Change status' }).click();
  await expect(officer.getByText('The case was changed and the applicant will be told.')).toBeVisible();
  await expect(card).toContainText('Fingerprints Were Taken', { timeout: 2_000 });

  const mailsBefore = mailsTo('demo@portico.test', `Your case ${receipt} was updated`).length;
  await officer.getByLabel('What is requested').fill('A copy of your travel itinerary for the trip you asked about.');
  await officer.getByRole('button', { name: 'Send the request for evidence' }).click();
  await expect(officer.getByText('The case was changed and the applicant will be told.')).toBeVisible();
  // Without a reload: the case, what needs attention, and the unread count.
  await expect(card).toContainText('Request for Additional Evidence Was Sent', { timeout: 2_000 });
  await expect(page.getByRole('heading', { name: 'Needs your attention' }).locator('..')).toContainText(receipt);
  await expect(page.getByRole('link', { name: /Notifications\s+\d+ new/ })).toBeVisible();
  await expect.poll(() => mailsTo('demo@portico.test', `Your case ${receipt} was updated`).length).toBeGreaterThan(mailsBefore);
  await officerContext.close();
});

test('every staff page passes axe (WCAG 2.1 AA)', async ({ page, browser }, info) => {
  test.skip(info.project.name === 'no-javascript', 'axe runs in the page; the no-JavaScript HTML is the same');
  test.setTimeout(180_000);
  const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const check = async (p: Page, path: string) => {
    await p.goto(path);
    await p.waitForLoadState('networkidle');
    const results = await new AxeBuilder({ page: p }).withTags(WCAG).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`), path).toEqual([]);
  };
  for (const path of ['/staff/sign-in', '/staff/sign-in?error=staff_sign_in_failed', '/staff/set-up?token=x']) await check(page, path);
  await signInAsStaff(page, officerEmail);
  for (const path of ['/staff', '/staff?q=Garcia', '/staff?status=case_was_received&page=2', '/staff/cases/IOE0912345601',
    '/staff/cases/MSC2390000100?error=reason_required']) await check(page, path);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsStaff(admin, adminEmail);
  for (const path of ['/staff/accounts', '/staff/audit', '/staff/audit?action=read_case']) await check(admin, path);
  await adminContext.close();
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signInAsStaff(agent, agentEmail);
  for (const path of ['/staff/contact-center', '/staff/contact-center?error=caller_not_verified']) await check(agent, path);
  await agent.getByLabel('A-Number or receipt number').fill('A087654321');
  await agent.getByLabel('Full name').fill('María Elena García López');
  await agent.getByLabel('Month').fill('4');
  await agent.getByLabel('Day').fill('28');
  await agent.getByLabel('Year').fill('1986');
  await agent.getByRole('button', { name: 'Check the caller' }).click();
  await expect(agent.getByRole('heading', { level: 1, name: /^Caller: / })).toBeVisible();
  await check(agent, new URL(agent.url()).pathname);
  // The inquiry queue, and the demo's waiting inquiry (seed) opened from it, plain and with an error.
  await check(agent, '/staff/inquiries');
  await agent.getByRole('row').filter({ hasText: 'IOE0912345602' }).getByRole('link').click();
  await expect(agent.getByRole('heading', { level: 1, name: /^Inquiry about case IOE0912345602/ })).toBeVisible();
  const thread = new URL(agent.url()).pathname;
  for (const path of [thread, `${thread}?error=message_invalid`]) await check(agent, path);
  await agentContext.close();
});

test('a paused applicant calls the contact center, is checked, and signs in again', async ({ page, browser }, info) => {
  // People from the officers' queue (seed), one per project: their records have no online account yet.
  const person = info.project.name === 'hydrated'
    ? { number: 'A050000101', name: 'José Manuel Pérez', month: '3', day: '9', year: '1975', country: 'Mexico' }
    : { number: 'A050000102', name: 'Ana Lucía Torres', month: '12', day: '1', year: '1988', country: 'Colombia' };
  const email = `caller-${info.project.name}-${Date.now()}@example.com`;
  await signUpConfirmed(page, email, password);
  await signInWithEmailCode(page, email, password);
  await expect(page).toHaveURL(/\/link-record$/);
  await page.getByLabel('A-Number or USCIS number').fill(person.number);
  await page.getByLabel('Full name').fill(person.name);
  await page.getByLabel('Month').fill(person.month);
  await page.getByLabel('Day').fill(person.day);
  await page.getByLabel('Year').fill(person.year);
  await page.getByLabel('Country of birth').fill(person.country);
  await page.getByRole('button', { name: 'Link my record' }).click();
  await expect(page).toHaveURL(/\/link-record\/access-code$/);
  await page.getByLabel('Online access code', { exact: true }).fill(await mailedAccessCode(person.number));
  await page.getByRole('button', { name: 'Finish linking' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await signOut(page);

  // Five wrong passwords pause sign-in; the right one is refused too.
  // Each refusal is awaited, so every guess has reached the server before the next one.
  for (let i = 0; i < 5; i++) {
    await enterPassword(page, email, 'not my password at all');
    await expect(page).toHaveURL(/\/sign-in\?error=(invalid_credentials|sign_in_paused)/);
  }
  await enterPassword(page, email, password);
  await expect(page.getByText(/Sign-in is paused for this email/).first()).toBeVisible();

  // The applicant calls; the agent checks them against the record, then lifts the pause.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signInAsStaff(agent, agentEmail);
  await agent.getByRole('link', { name: 'Contact center' }).click();
  await agent.getByLabel('A-Number or receipt number').fill(person.number);
  await agent.getByLabel('Full name').fill(person.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase());
  await agent.getByLabel('Month').fill(person.month);
  await agent.getByLabel('Day').fill(person.day);
  await agent.getByLabel('Year').fill(person.year);
  await agent.getByRole('button', { name: 'Check the caller' }).click();
  await expect(agent.getByRole('heading', { level: 1, name: `Caller: ${person.name}` })).toBeVisible();
  const account = agent.getByRole('region', { name: `Account ${email}` });
  await expect(account).toContainText('Sign-in paused until');
  await account.getByLabel(`Reason (for ${email})`).fill('Caller mistyped their password; checked against the record.');
  await account.getByRole('button', { name: 'Lift the sign-in pause' }).click();
  await expect(agent.getByText('The pause is lifted')).toBeVisible();
  await agentContext.close();

  await signInWithEmailCode(page, email, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect.poll(() => mailsTo(email, 'You can sign in to Portico again').length).toBe(1);
  await page.goto('/security-events');
  await expect(page.getByText('The contact center lifted the pause on signing in (by Carlos Mendes)')).toBeVisible();
});

test.describe('typing while the page still loads its code', () => {
  // The service worker would serve the WebAssembly from its cache, past the hold below.
  test.use({ serviceWorkers: 'block' });

  test('a search typed before the page hydrated is kept and sent', async ({ page }, info) => {
    test.skip(info.project.name === 'no-javascript', 'nothing hydrates without JavaScript; the search box is checked in the next test');
    await signInAsStaff(page, officerEmail);
    // Hold the WebAssembly back until the officer has typed, as on a slow connection.
    let typed: () => void = () => {};
    const typing = new Promise<void>((resolve) => { typed = resolve; });
    await page.route('**/*.wasm', async (route) => { await typing; await route.continue(); });
    await page.goto('/staff', { waitUntil: 'domcontentloaded' });
    const box = page.getByLabel('Receipt number, A-Number or name');
    await box.fill('WAC2390000102');
    typed();
    await waitUntilHydrated(page);
    await expect(box).toHaveValue('WAC2390000102');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('link', { name: 'WAC2390000102' })).toBeVisible();
  });
});

test('the search box shows what was searched for, and follows the address', async ({ page }) => {
  await signInAsStaff(page, officerEmail);
  await page.goto('/staff?q=Garcia');
  const box = page.getByLabel('Receipt number, A-Number or name');
  await expect(box).toHaveValue('Garcia');
  await page.getByRole('link', { name: 'Back to my queue' }).click();
  await expect(page).toHaveURL(/\/staff$/);
  await expect(box).toHaveValue('');
});
