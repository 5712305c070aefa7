import { test, expect } from '@playwright/test';
import * as path from 'node:path';
import { signInAsDemo } from '../tests/helpers';

const out = (name: string) => path.join(__dirname, '..', '..', 'docs', 'screenshots', name);

test('dashboard, desktop and phone', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signInAsDemo(page);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.screenshot({ path: out('dashboard-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.screenshot({ path: out('dashboard-phone.png'), fullPage: true });
});
