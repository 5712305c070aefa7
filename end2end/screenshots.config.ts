import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `make screenshots`: the README's pictures of the dashboard, taken from a freshly seeded server.
const port = Number(process.env.PORTICO_E2E_PORT ?? 3108);
export default defineConfig({
  ...base,
  testDir: './screenshots',
  projects: [{ name: 'screenshots', use: { javaScriptEnabled: true } }],
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    ...(base.webServer as object),
    url: `http://127.0.0.1:${port}/readyz`,
    env: { PORTICO_ADDR: `127.0.0.1:${port}`, PORTICO_E2E_SMTP_PORT: String(port + 1000) },
  },
});
