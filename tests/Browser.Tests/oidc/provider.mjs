// A real OpenID Connect provider for the single sign-on browser tests: panva's oidc-provider (the certified
// implementation), on 127.0.0.1 and a port of the system's choosing, with one confidential client and a few test
// accounts. Its own pages are the smallest that do the job: a login form, no consent step (the client is first-party),
// and an error page that fetches nothing from the internet (the stock ones import a web font).
//
//   node provider.mjs '{"clientId":"...","clientSecret":"...","redirectUri":"http://127.0.0.1:PORT/signin-oidc",
//                       "accounts":{"alice":{"password":"...","email":"...","emailVerified":true,"groups":["..."]}}}'
//
// Prints "oidc-provider listening at http://127.0.0.1:PORT" once it answers; stops when stdin closes or on SIGTERM.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.argv[2] ?? '{}');
for (const key of ['clientId', 'clientSecret', 'redirectUri', 'accounts']) {
  if (!settings[key]) {
    console.error(`provider.mjs: "${key}" is missing from the settings argument`);
    process.exit(2);
  }
}

const html = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title, body) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:3rem auto;padding:0 1rem}
label,input,button{display:block;width:100%;box-sizing:border-box;margin:.4rem 0}input,button{padding:.5rem;font:inherit}
.error{color:#a61b1b}</style></head>
<body><h1>${html(title)}</h1>${body}</body></html>`;

const loginForm = (uid, error, username = '') => page('Test identity provider', `
<form method="post" action="/interaction/${html(uid)}">
  ${error ? `<p class="error" role="alert">${html(error)}</p>` : ''}
  <label for="username">Username</label>
  <input id="username" name="username" autocomplete="username" required value="${html(username)}">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Continue</button>
</form>`);

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test', use: 'sig', alg: 'RS256' };

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: settings.clientId,
    client_secret: settings.clientSecret,
    redirect_uris: [settings.redirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    // ASP.NET Core's handler sends the secret in the form body.
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  // groups travel with the profile scope, as Authentik sends them; Linkwatch asks for openid, email and profile only.
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'groups'],
  },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, id) {
    const account = settings.accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          name: id,
          ...(account.email ? { email: account.email, email_verified: account.emailVerified ?? true } : {}),
          groups: account.groups ?? [],
        };
      },
    };
  },
  // A first-party client: the person is not asked to consent to what Linkwatch asks for.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Test identity provider: error', Object.entries(out).map(([k, v]) => `<p><b>${html(k)}</b>: ${html(v)}</p>`).join(''));
  },
});

const readForm = async (req) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

provider.use(async (ctx, next) => {
  // Browsers ask every site for one; a 404 would read as a broken page in the tests.
  if (ctx.path === '/favicon.ico') {
    ctx.status = 204;
    return undefined;
  }
  const match = /^\/interaction\/([\w-]+)$/.exec(ctx.path);
  if (!match) return next();
  ctx.set('Cache-Control', 'no-store');
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.prompt.name !== 'login') ctx.throw(501, `prompt ${details.prompt.name} is not part of this test provider`);
  if (ctx.method === 'GET') {
    ctx.type = 'html';
    ctx.body = loginForm(details.uid);
    return undefined;
  }
  if (ctx.method !== 'POST') ctx.throw(405);
  const form = await readForm(ctx.req);
  const username = form.get('username') ?? '';
  if (settings.accounts[username]?.password !== form.get('password')) {
    ctx.type = 'html';
    ctx.body = loginForm(details.uid, 'Wrong username or password.', username);
    return undefined;
  }
  ctx.respond = false;
  return provider.interactionFinished(ctx.req, ctx.res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
});

server.on('request', provider.callback());
console.log(`oidc-provider listening at ${issuer}`);

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
