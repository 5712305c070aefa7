import { test, expect, Page, Locator } from '@playwright/test';
import { password, confirmationPath, fromNewestMail, nextDemoCode } from './helpers';

// The applicant journey by keyboard alone: Tab to each control (never a click, never focus()),
// type, and press Enter or Space. Each control reached must show where focus is.

async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      const outline = await target.evaluate((el) => getComputedStyle(el).outlineStyle);
      expect(outline, 'the focused control shows a focus outline').not.toBe('none');
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

async function press(page: Page, control: Locator, key = 'Enter') {
  await tabTo(page, control);
  await page.keyboard.press(key);
}

test('the applicant journey works with the keyboard alone', async ({ page }, info) => {
  const email = `e2e-keys-${info.project.name}-${Date.now()}@example.com`;
  await page.goto('/');
  // The first Tab reaches the skip link, which moves focus past the header.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main-content')).toBeFocused();

  await press(page, page.getByRole('main').getByRole('link', { name: 'Create an account' }));
  await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
  await typeInto(page, page.getByLabel('Email address'), email);
  await typeInto(page, page.getByLabel('Password', { exact: true }), password);
  await press(page, page.getByRole('button', { name: 'Create account' }));
  await expect(page).toHaveURL(/\/sign-up\/check-email$/);

  await page.goto(await confirmationPath(email)); // opening the mail's link
  await press(page, page.getByRole('button', { name: 'Confirm my email' }));
  await expect(page).toHaveURL(/\/sign-in\?confirmed=1$/);

  // A wrong password first: the error is announced and links to nothing hidden.
  await typeInto(page, page.getByLabel('Email address'), email);
  await typeInto(page, page.getByLabel('Password', { exact: true }), 'not the right password');
  await press(page, page.getByRole('main').getByRole('button', { name: 'Sign in' }));
  await expect(page.getByRole('alert')).toContainText('The email or password you entered is not correct.');
  await typeInto(page, page.getByLabel('Email address'), email);
  await typeInto(page, page.getByLabel('Password', { exact: true }), password);
  await press(page, page.getByRole('main').getByRole('button', { name: 'Sign in' }));
  await expect(page).toHaveURL(/\/sign-in\/verify\?method=email$/);
  await typeInto(page, page.getByLabel('Email code'), await fromNewestMail(email, 'Your Portico sign-in code', /code is:\s+(\d{6})/));
  await press(page, page.getByRole('button', { name: 'Continue' }));
  await expect(page).toHaveURL(/\/link-record$/);

  if (info.project.name === 'hydrated') {
    // Li Wei Chen's record (seeded; each record links to one account only).
    await press(page, page.getByRole('radio', { name: 'A-Number', exact: true }), 'ArrowDown');
    await expect(page.getByRole('radio', { name: 'USCIS number' })).toBeChecked();
    await typeInto(page, page.getByLabel('A-Number or USCIS number'), '987654321');
    await typeInto(page, page.getByLabel('Full name'), 'Li Wei Chen');
    await typeInto(page, page.getByLabel('Month'), '7');
    await typeInto(page, page.getByLabel('Day'), '15');
    await typeInto(page, page.getByLabel('Year'), '1992');
    await typeInto(page, page.getByLabel('Country of birth'), 'China');
    await typeInto(page, page.getByLabel('Online access code (if you have one)'), 'WECH-5H6J-8RTB');
    await press(page, page.getByRole('button', { name: 'Link my record' }));
    await expect(page).toHaveURL(/\/dashboard$/);
    await press(page, page.getByRole('link', { name: /I-130/ }).first());
    await expect(page).toHaveURL(/\/cases\/SRC2290123406$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Case history' })).toBeVisible();
  } else {
    // The other records are linked by the journey tests; walk a linked account's pages instead.
    await press(page, page.getByRole('button', { name: 'Sign out' }));
    await expect(page).toHaveURL(/\/sign-in\?signed_out=1$/);
    await typeInto(page, page.getByLabel('Email address'), 'demo@portico.test');
    await typeInto(page, page.getByLabel('Password', { exact: true }), 'Harbor-Lantern-Portico-26');
    await press(page, page.getByRole('main').getByRole('button', { name: 'Sign in' }));
    await typeInto(page, page.getByLabel('Authenticator code'), await nextDemoCode());
    await press(page, page.getByRole('button', { name: 'Continue' }));
    await expect(page).toHaveURL(/\/dashboard$/);
    await press(page, page.getByRole('link', { name: 'IOE0912345601' }).first());
    await expect(page).toHaveURL(/\/cases\/IOE0912345601$/);
  }
  await press(page, page.getByRole('button', { name: 'Sign out' }), ' ');
  await expect(page).toHaveURL(/\/sign-in\?signed_out=1$/);
});
