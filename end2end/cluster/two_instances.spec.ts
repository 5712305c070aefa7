import { test, expect, Page } from '@playwright/test';
import fs from 'fs';
import path from 'path';
import { officerEmail, signInAsDemo, signInAsStaff } from '../tests/helpers';

// Two Portico instances on one PostgreSQL behind nginx (round robin): a session made through one
// goes on through the other, a change made on either reaches a page streamed from the other, the
// sign-in pause counts across both, and stopping one loses nothing.
const port = Number(process.env.PORTICO_CLUSTER_PORT ?? 3120);
const instances = [`127.0.0.1:${port + 1}`, `127.0.0.1:${port + 2}`];
const dir = path.join(__dirname, '..', '..', 'data', 'e2e-cluster');

async function changeStatusOn(officer: Page, instance: string, receipt: string, label: string) {
  await officer.goto(`http://${instance}/staff/cases/${receipt}`);
  await officer.getByLabel('New status').selectOption({ label });
  await officer.getByRole('button', { name: 'Change status' }).click();
  await expect(officer.getByText('The case was changed and the applicant will be told.')).toBeVisible();
}

test('two instances behind nginx share sessions, live status and pauses, and one may stop', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const receipt = 'EAC2290123403';
  const listening = page.waitForResponse((r) => r.url().endsWith('/live'));
  await signInAsDemo(page);
  await listening;
  // Signed in through nginx, the session is good on each instance (it lives in PostgreSQL; the
  // cookie is the host's, whatever the port).
  for (const instance of instances) {
    await page.goto(`http://${instance}/dashboard`);
    await expect(page.getByRole('heading', { level: 1, name: 'Your cases' })).toBeVisible();
  }
  const listeningAgain = page.waitForResponse((r) => r.url().endsWith('/live'));
  await page.goto('/dashboard');
  await listeningAgain;
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^I-131/ }) });
  await expect(card).toContainText('Biometrics Appointment Was Scheduled');

  // An officer changes the case on each instance in turn (straight, not through nginx): the page's
  // stream is held by one of them, so one change at least crosses over (PostgreSQL NOTIFY).
  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await signInAsStaff(officer, officerEmail);
  await changeStatusOn(officer, instances[0], receipt, 'Case Was Updated To Show Fingerprints Were Taken');
  await expect(card).toContainText('Fingerprints Were Taken', { timeout: 3_000 });
  await changeStatusOn(officer, instances[1], receipt, 'Case Is Being Actively Reviewed By USCIS');
  await expect(card).toContainText('Case Is Being Actively Reviewed By USCIS', { timeout: 3_000 });
  await officerContext.close();

  // Wrong passwords on either instance count toward one pause.
  const guesser = await browser.newContext();
  const guessing = await guesser.newPage();
  for (let i = 0; i < 5; i++) {
    await guessing.goto(`http://${instances[i % 2]}/sign-in`);
    await guessing.getByLabel('Email address').fill('nobody-here@example.com');
    await guessing.getByLabel('Password', { exact: true }).fill('not the right password');
    await guessing.getByRole('button', { name: 'Sign in' }).click();
    await expect(guessing).toHaveURL(/error=/);
  }
  await expect(guessing.getByText(/Sign-in is paused for this email/).first()).toBeVisible();
  await guesser.close();

  // One instance stops (SIGTERM) in the middle of the journey: nothing is lost.
  const pid = Number(fs.readFileSync(path.join(dir, 'first.pid'), 'utf8'));
  process.kill(pid, 'SIGTERM');
  await expect.poll(() => { try { process.kill(pid, 0); return true; } catch { return false; } }, { timeout: 30_000 }).toBe(false);
  for (const path of [`/cases/${receipt}`, '/account', `/cases/${receipt}`, '/dashboard']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page).not.toHaveURL(/sign-in/);
  }
  await expect(page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^I-131/ }) }))
    .toContainText('Case Is Being Actively Reviewed By USCIS');
});
