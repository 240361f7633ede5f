// A real OpenID Connect issuer on loopback for the SSO journeys (`oidc-provider`, the certified Node
// implementation), since no identity provider can be reached from CI. One confidential client; the
// person signing in types a login name (see test-identities.ts) on a plain form served from here, so
// nothing reaches the network (the library's own dev pages load web fonts).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Provider, { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { loginNameOf, TEST_OIDC_CLIENT, testIdentity } from './test-identities.ts';

const port = Number(process.env.CHANGEBOARD_TEST_ISSUER_PORT ?? 3102);
const issuer = `http://127.0.0.1:${port}`;
const relyingParty = process.env.CHANGEBOARD_TEST_SSO_ORIGIN ?? 'http://localhost:3101';

// Every sign-in asks for a login name, even in a browser that signed in before, so a test picks
// its identity explicitly instead of inheriting the issuer session of an earlier step.
const policy = interactionPolicy.base();
policy.get('login')!.checks.add(new interactionPolicy.Check('every_sign_in', 'the test chooses an identity each time', (ctx) => !ctx.oidc.result?.login));

const provider = new Provider(issuer, {
  clients: [{
    client_id: TEST_OIDC_CLIENT.id,
    client_secret: TEST_OIDC_CLIENT.secret,
    redirect_uris: [`${relyingParty}/api/auth/callback/oidc`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  // Auth.js sends S256 PKCE; requiring it for the confidential client too makes a regression fail.
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount(_ctx, subject) {
    const identity = testIdentity(loginNameOf(subject) ?? '');
    if (!identity) return undefined;
    return { accountId: subject, claims: () => ({ sub: subject, email: identity.email, email_verified: true, name: identity.name }) };
  },
  // A first-party client: no consent page, the grant covers what Changeboard asks for.
  async loadExistingGrant(ctx: KoaContextWithOIDC) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  interactions: { policy, url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  features: { devInteractions: { enabled: false } },
  jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' }] },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  // Seconds; a Playwright run is short. Setting them also silences the library's notices.
  ttl: { Interaction: 600, Session: 600, Grant: 600 },
});

function loginPage(uid: string, problem?: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test SSO</title></head><body><main>
<h1>Test SSO</h1>${problem ? `<p role="alert">${problem}</p>` : ''}
<form method="post" action="/interaction/${uid}">
<label for="login">Login name</label> <input id="login" name="login" required autocomplete="off">
<button type="submit">Sign in</button>
</form></main></body></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { uid } = await provider.interactionDetails(req, res);
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(uid));
    return;
  }
  const loginName = (await formBody(req)).get('login')?.trim() ?? '';
  const identity = testIdentity(loginName);
  if (!identity) {
    res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(uid, 'Unknown test identity.'));
    return;
  }
  await provider.interactionFinished(req, res, { login: { accountId: identity.subject } }, { mergeWithLastSubmission: false });
}

const handleProtocol = provider.callback();

createServer((req, res) => {
  if (!req.url?.startsWith('/interaction/')) {
    handleProtocol(req, res);
    return;
  }
  interaction(req, res).catch((error: unknown) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end('Interaction failed');
  });
}).listen(port, '127.0.0.1', () => console.log(`Test OIDC issuer on ${issuer}`));
