// Login at the issuer (authorization code with PKCE S256) and calls to the gateway with a DPoP-bound token.
// The DPoP key is a WebCrypto ECDSA P-256 key pair made non-extractable: its private half never leaves the
// browser's key store, and the token is useless without it. Token and key live in this page's memory only.

const LOGIN = 'dho.login';
let session = null;

const encoder = new TextEncoder();

function b64u(bytes) {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function sha256(text) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

function randomB64u(length) {
  return b64u(crypto.getRandomValues(new Uint8Array(length)));
}

export async function appConfig() {
  const response = await fetch('config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return response.json();
}

async function discovery(config) {
  const response = await fetch(`${config.issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`${config.issuer}: HTTP ${response.status}`);
  return response.json();
}

/** Sends the browser to the issuer's login; `extra` carries the user's choice (patient, purpose). */
export async function startLogin(config, scope, redirectUri, extra, language) {
  const meta = await discovery(config);
  const verifier = randomB64u(32);
  const state = randomB64u(16);
  sessionStorage.setItem(LOGIN, JSON.stringify({ verifier, state, redirectUri, scope }));
  const url = new URL(meta.authorization_endpoint);
  const params = {
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri, scope, state,
    code_challenge: b64u(await sha256(verifier)), code_challenge_method: 'S256', ui_locales: language, ...extra,
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  location.assign(url.href);
}

/**
 * Back from the issuer: checks the state, makes the DPoP key pair and redeems the code with a proof signed by
 * it. Returns null when this page was not opened by a login redirect.
 */
export async function finishLogin(config) {
  const here = new URL(location.href);
  const code = here.searchParams.get('code');
  const error = here.searchParams.get('error');
  if (!code && !error) return null;
  const pending = JSON.parse(sessionStorage.getItem(LOGIN) ?? 'null');
  sessionStorage.removeItem(LOGIN);
  history.replaceState(null, '', here.pathname);
  if (!pending || here.searchParams.get('state') !== pending.state) throw new Error('state');
  if (error) throw new Error(here.searchParams.get('error_description') ?? error);
  const meta = await discovery(config);
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
  const body = new URLSearchParams({
    grant_type: 'authorization_code', code, code_verifier: pending.verifier, redirect_uri: pending.redirectUri,
    client_id: config.clientId,
  });
  const response = await fetch(meta.token_endpoint, {
    method: 'POST', body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', DPoP: await proof(keys, 'POST', meta.token_endpoint) },
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error_description ?? answer.error ?? `HTTP ${response.status}`);
  session = { token: answer.access_token, keys, claims: claimsOf(answer.access_token) };
  return session;
}

export function logout() {
  session = null;
}

function claimsOf(token) {
  const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** RFC 9449 §4.2: a proof for one call, signed with the session's key, bound to the token by `ath`. */
async function proof(keys, method, url, token) {
  const jwk = await crypto.subtle.exportKey('jwk', keys.publicKey);
  const target = new URL(url, location.href);
  const header = { typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } };
  const payload = {
    jti: crypto.randomUUID(), htm: method, htu: target.origin + target.pathname, iat: Math.floor(Date.now() / 1000),
  };
  if (token) payload.ath = b64u(await sha256(token));
  const input = `${b64u(encoder.encode(JSON.stringify(header)))}.${b64u(encoder.encode(JSON.stringify(payload)))}`;
  const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, encoder.encode(input));
  return `${input}.${b64u(new Uint8Array(signature))}`;
}

/** A GET at the gateway with the user's token and a fresh proof; a refusal is an Error with the server's reason. */
export async function get(url, accept = 'application/fhir+json') {
  if (!session) throw new Error('not logged in');
  const response = await fetch(url, {
    headers: { Accept: accept, Authorization: `DPoP ${session.token}`, DPoP: await proof(session.keys, 'GET', url, session.token) },
  });
  if (!response.ok) {
    let reason = `HTTP ${response.status}`;
    try {
      const outcome = await response.json();
      reason += `: ${(outcome.issue ?? []).map((i) => i.diagnostics).filter(Boolean).join('; ')}`;
    } catch (e) { /* not FHIR: the status says it */ }
    throw new Error(reason);
  }
  return response;
}

/**
 * Every page of a FHIR search (following `next`), at most `maxPages`: { entries, error }. A page that fails keeps
 * what the pages before it gave, and says why the rest is missing.
 */
export async function searchAll(url, maxPages = 20) {
  const entries = [];
  let next = url;
  for (let page = 0; next && page < maxPages; page++) {
    try {
      const bundle = await (await get(next)).json();
      entries.push(...(bundle.entry ?? []));
      next = (bundle.link ?? []).find((l) => l.relation === 'next')?.url ?? null;
    } catch (e) {
      return { entries, error: page === 0 ? e.message : `page ${page + 1}: ${e.message}` };
    }
  }
  return { entries, error: null };
}
