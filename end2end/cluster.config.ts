import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `make e2e-cluster` (part of `make test` when PostgreSQL is there): two instances on one
// PostgreSQL behind nginx, configured from the shipped deploy/nginx.conf.
const port = Number(process.env.PORTICO_CLUSTER_PORT ?? 3120);
export default defineConfig({
  ...base,
  testDir: './cluster',
  projects: [{ name: 'cluster', use: { javaScriptEnabled: true } }],
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    command: 'bash ../scripts/e2e-cluster.sh',
    url: `http://127.0.0.1:${port}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { PORTICO_CLUSTER_PORT: String(port) },
  },
});
