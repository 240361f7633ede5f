import { expect, test } from 'vitest';
import { loadEnv } from '@/lib/env';

const DATABASE_URL = 'postgresql://changeboard_app:secret@db.internal:5432/changeboard';
const AUTH_SECRET = 'k'.repeat(32);
const DEMO = { DATABASE_URL, AUTH_SECRET, CHANGEBOARD_DEMO_SIGN_IN: 'true' };
const OIDC = {
  DATABASE_URL,
  AUTH_SECRET,
  CHANGEBOARD_OIDC_ISSUER: 'https://login.example.com/realms/engineering',
  CHANGEBOARD_OIDC_CLIENT_ID: 'changeboard',
  CHANGEBOARD_OIDC_CLIENT_SECRET: 'client-secret',
};

test.each([
  {
    label: 'demo sign-in alone, with defaults for the rest',
    source: DEMO,
    parsed: { NODE_ENV: 'development', CHANGEBOARD_DEMO_SIGN_IN: true, CHANGEBOARD_OIDC_NAME: 'Single sign-on', CHANGEBOARD_DB_POOL_MAX: 10 },
  },
  {
    label: 'OIDC alone, as in production',
    source: { ...OIDC, NODE_ENV: 'production', CHANGEBOARD_OIDC_NAME: 'Company SSO', CHANGEBOARD_DB_POOL_MAX: '20' },
    parsed: { NODE_ENV: 'production', CHANGEBOARD_DEMO_SIGN_IN: false, CHANGEBOARD_OIDC_ISSUER: OIDC.CHANGEBOARD_OIDC_ISSUER, CHANGEBOARD_OIDC_CLIENT_ID: 'changeboard', CHANGEBOARD_OIDC_CLIENT_SECRET: 'client-secret', CHANGEBOARD_OIDC_NAME: 'Company SSO', CHANGEBOARD_DB_POOL_MAX: 20 },
  },
  {
    label: 'empty optional keys take their defaults',
    source: { ...OIDC, NODE_ENV: '', CHANGEBOARD_DEMO_SIGN_IN: '', CHANGEBOARD_OIDC_NAME: '', CHANGEBOARD_DB_POOL_MAX: '' },
    parsed: { NODE_ENV: 'development', CHANGEBOARD_DEMO_SIGN_IN: false, CHANGEBOARD_OIDC_NAME: 'Single sign-on', CHANGEBOARD_DB_POOL_MAX: 10 },
  },
])('accepts $label', ({ source, parsed }) => {
  expect(loadEnv(source)).toMatchObject(parsed);
});

test.each([
  { label: 'a missing AUTH_SECRET', source: { ...DEMO, AUTH_SECRET: undefined }, problem: 'AUTH_SECRET: AUTH_SECRET is required' },
  { label: 'an empty AUTH_SECRET, as missing', source: { ...DEMO, AUTH_SECRET: '' }, problem: 'AUTH_SECRET: AUTH_SECRET is required' },
  { label: 'an AUTH_SECRET under 32 characters', source: { ...DEMO, AUTH_SECRET: 'k'.repeat(31) }, problem: 'AUTH_SECRET: AUTH_SECRET must be 32+ characters' },
  { label: 'an empty DATABASE_URL, as missing', source: { ...DEMO, DATABASE_URL: '' }, problem: 'DATABASE_URL: DATABASE_URL must be a postgresql:// URL' },
  { label: 'a DATABASE_URL that is not PostgreSQL', source: { ...DEMO, DATABASE_URL: 'mysql://root@db.internal:3306/changeboard' }, problem: 'DATABASE_URL: DATABASE_URL must be a postgresql:// URL' },
  { label: 'an OIDC issuer without client id and secret', source: { DATABASE_URL, AUTH_SECRET, CHANGEBOARD_OIDC_ISSUER: OIDC.CHANGEBOARD_OIDC_ISSUER }, problem: 'CHANGEBOARD_OIDC_ISSUER: OIDC needs issuer, client id and client secret together' },
  { label: 'an empty OIDC client secret, as missing', source: { ...OIDC, CHANGEBOARD_OIDC_CLIENT_SECRET: '' }, problem: 'CHANGEBOARD_OIDC_ISSUER: OIDC needs issuer, client id and client secret together' },
  { label: 'neither OIDC nor demo sign-in', source: { DATABASE_URL, AUTH_SECRET, CHANGEBOARD_DEMO_SIGN_IN: 'false' }, problem: 'CHANGEBOARD_OIDC_ISSUER: No sign-in method' },
  { label: 'a demo flag other than true or false', source: { ...OIDC, CHANGEBOARD_DEMO_SIGN_IN: 'yes' }, problem: 'CHANGEBOARD_DEMO_SIGN_IN:' },
])('refuses $label', ({ source, problem }) => {
  expect(() => loadEnv(source)).toThrow(problem);
});

test('security settings have defaults, parse numbers, and refuse negative budgets', () => {
  expect(loadEnv(DEMO)).toMatchObject({
    CHANGEBOARD_TRUST_PROXY: 0, CHANGEBOARD_HSTS_MAX_AGE: 31_536_000,
    CHANGEBOARD_RATE_LIMIT_SIGNIN_PER_EMAIL: 10, CHANGEBOARD_RATE_LIMIT_SIGNIN_PER_IP: 50, CHANGEBOARD_RATE_LIMIT_SIGNIN_WINDOW_SECONDS: 900,
    CHANGEBOARD_RATE_LIMIT_API_PERSONAL_PER_MINUTE: 600, CHANGEBOARD_RATE_LIMIT_API_SERVICE_PER_MINUTE: 60_000, CHANGEBOARD_RATE_LIMIT_API_FAILED_PER_IP_PER_MINUTE: 1200,
  });
  expect(loadEnv({ ...DEMO, CHANGEBOARD_TRUST_PROXY: '1', CHANGEBOARD_RATE_LIMIT_API_SERVICE_PER_MINUTE: '0' })).toMatchObject({ CHANGEBOARD_TRUST_PROXY: 1, CHANGEBOARD_RATE_LIMIT_API_SERVICE_PER_MINUTE: 0 });
  expect(() => loadEnv({ ...DEMO, CHANGEBOARD_RATE_LIMIT_SIGNIN_PER_EMAIL: '-1' })).toThrow('CHANGEBOARD_RATE_LIMIT_SIGNIN_PER_EMAIL');
});
