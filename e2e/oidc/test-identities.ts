// The test issuer's one client and its identities. Shared by the issuer, playwright.config.ts and the
// specs, so a spec knows the subject, email and name the application should receive.

/** Fixed for tests only; the issuer listens on loopback and lives as long as one Playwright run. */
export const TEST_OIDC_CLIENT = { id: 'changeboard-e2e', secret: 'changeboard-e2e-client-secret' };

export type TestIdentity = { subject: string; email: string; name: string };

/** Login names are `<person>-<suffix>`; the suffix keeps each test run's identities new. */
const PEOPLE: Record<string, { name: string; email?: string }> = {
  ada: { name: 'Ada Lovelace' },
  grace: { name: 'Grace Hopper' },
  linus: { name: 'Linus Torvalds' },
  // Carries the email of the seeded demo account engineer1 (Erin Engineer) under another subject.
  erin: { name: 'Erin Impostor', email: 'engineer1@changeboard.test' },
};

const LOGIN_NAME = /^([a-z]+)-([a-z0-9]+)$/;

export function testIdentity(loginName: string): TestIdentity | undefined {
  const match = LOGIN_NAME.exec(loginName);
  const person = match ? PEOPLE[match[1]!] : undefined;
  if (!person) return undefined;
  return {
    // Opaque, and unlike the login name and the email, so tests prove the subject is the key.
    subject: `sub|${loginName}`,
    email: person.email ?? `${loginName}@sso.changeboard.test`,
    name: person.name,
  };
}

export function loginNameOf(subject: string): string | undefined {
  return subject.startsWith('sub|') ? subject.slice('sub|'.length) : undefined;
}
