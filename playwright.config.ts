import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { TEST_OIDC_CLIENT } from './e2e/oidc/test-identities.ts';

// End-to-end tests run against a production build (`next start`) on a database that `npm test`
// created and seeded. Chromium comes from the system (CHROMIUM_PATH, or Debian's /usr/bin/chromium);
// without one, Playwright's own browser is used if installed.
const port = Number(process.env.PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// Single sign-on runs on a second instance of the same build, configured as production is (OIDC only,
// no demo sign-in), against a test issuer on loopback. Ports follow PORT so separate runs can coexist.
// That instance is addressed as localhost: Next.js renames 127.x hosts to localhost in route handlers'
// request URLs, so with 127.0.0.1 the callback would send a redirect_uri unlike the one sign-in sent.
const ssoPort = port + 1;
const ssoURL = `http://localhost:${ssoPort}`;
const issuerPort = port + 2;
const issuerURL = `http://127.0.0.1:${issuerPort}`;
// The app runs as the application role when `npm test` made one (README "Database roles"); the tests
// keep DATABASE_URL, the superuser, to arrange and inspect rows.
const appDatabase: Record<string, string> = process.env.CHANGEBOARD_E2E_APP_DATABASE_URL ? { DATABASE_URL: process.env.CHANGEBOARD_E2E_APP_DATABASE_URL } : {};
const executablePath = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate) => existsSync(candidate));

export default defineConfig({
  testDir: 'e2e',
  outputDir: port === 3100 ? 'test-results' : `test-results-${port}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      // Without the networking flags Chromium floods a closed network with refused connections.
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [
    { name: 'sign-in', testMatch: /sign-in\.setup\.ts/ },
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, dependencies: ['sign-in'], testIgnore: /\/sso\// },
    { name: 'sso', testMatch: /\/sso\/.*\.spec\.ts/, use: { ...devices['Desktop Chrome'], baseURL: ssoURL } },
  ],
  webServer: [
    {
      name: 'demo',
      command: `node_modules/.bin/next start --hostname 127.0.0.1 --port ${port}`,
      url: `${baseURL}/login`,
      env: appDatabase,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      name: 'issuer',
      command: 'node_modules/.bin/tsx e2e/oidc/test-issuer.ts',
      url: `${issuerURL}/.well-known/openid-configuration`,
      env: { CHANGEBOARD_TEST_ISSUER_PORT: String(issuerPort), CHANGEBOARD_TEST_SSO_ORIGIN: ssoURL },
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      name: 'sso',
      command: `node_modules/.bin/next start --hostname 127.0.0.1 --port ${ssoPort}`,
      url: `${ssoURL}/login`,
      // AUTH_SECRET is inherited and the database is the demo instance's: both share them.
      env: {
        ...appDatabase,
        AUTH_URL: ssoURL,
        CHANGEBOARD_DEMO_SIGN_IN: 'false',
        CHANGEBOARD_OIDC_ISSUER: issuerURL,
        CHANGEBOARD_OIDC_CLIENT_ID: TEST_OIDC_CLIENT.id,
        CHANGEBOARD_OIDC_CLIENT_SECRET: TEST_OIDC_CLIENT.secret,
        CHANGEBOARD_OIDC_NAME: 'Test SSO',
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
