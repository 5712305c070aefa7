import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { adminEmail, mailsTo, officerEmail, signInAsDemo, signInAsStaff } from './helpers';

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
});
