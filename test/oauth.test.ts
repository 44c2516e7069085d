import { afterEach, describe, expect, it } from 'vitest';
import { NOW, testMock, type TestMock } from './helpers.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const SECRET = 'Ab+cd/Ef=0123456789abcdefghijklmnopqrstuvwx=';
const CLIENT = '0123456789abcdef0123456789abcdef01234567';

function basicOf(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

let mock: TestMock;
afterEach(() => mock?.close());

async function tokenRequest(
  m: TestMock,
  authorization: string | undefined,
  payload = 'grant_type=client_credentials',
  headers: Record<string, string> = FORM,
) {
  return m.app.inject({
    method: 'POST',
    url: '/oauth2/token',
    headers: { ...headers, ...(authorization ? { authorization } : {}) },
    payload,
  });
}

async function listing(m: TestMock, authorization: string) {
  return m.app.inject({
    url: `/api/reporting?generate_report=SupportSessionListing&start_time=${NOW - 86_400}&duration=0`,
    headers: { authorization },
  });
}

describe('the token endpoint', () => {
  it('issues a compact JSON token with access_token, token_type and expires_in in that order', async () => {
    mock = await testMock();
    const res = await tokenRequest(mock, mock.basic());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers.connection).toBe('close');
    expect(res.body).toMatch(
      /^\{"access_token":"[A-Za-z0-9]{40}","token_type":"Bearer","expires_in":3600\}$/,
    );
  });

  it('compares Basic credentials raw, so a percent-encoded secret is an invalid client', async () => {
    mock = await testMock({ accounts: [{ clientId: CLIENT, clientSecret: SECRET }] });
    expect((await tokenRequest(mock, basicOf(CLIENT, SECRET))).statusCode).toBe(200);
    const encoded = await tokenRequest(mock, basicOf(CLIENT, encodeURIComponent(SECRET)));
    expect(encoded.statusCode).toBe(401);
    expect(JSON.parse(encoded.body)).toEqual({
      error: 'invalid_client',
      message: 'Client authentication failed.',
    });
    expect(encoded.headers['www-authenticate']).toBe('Basic realm="OAuth"');
  });

  it('accepts percent-encoded credentials as well when basic_urldecode is on', async () => {
    mock = await testMock({
      accounts: [{ clientId: CLIENT, clientSecret: SECRET }],
      settings: { basicUrldecode: true },
    });
    expect((await tokenRequest(mock, basicOf(CLIENT, encodeURIComponent(SECRET)))).statusCode).toBe(
      200,
    );
    expect(
      (await tokenRequest(mock, basicOf(CLIENT, SECRET.replace(/\+/g, '%2B')))).statusCode,
    ).toBe(200);
  });

  it('splits the Basic payload at the first colon, so a secret may contain colons', async () => {
    mock = await testMock({ accounts: [{ clientId: CLIENT, clientSecret: 'a:b:c' }] });
    expect((await tokenRequest(mock, basicOf(CLIENT, 'a:b:c'))).statusCode).toBe(200);
  });

  it('refuses a missing Basic header, an unknown client and a wrong secret with invalid_client', async () => {
    mock = await testMock({ accounts: [{ clientId: CLIENT, clientSecret: SECRET }] });
    for (const auth of [
      undefined,
      'Bearer x',
      'Basic !!!',
      basicOf('nobody', SECRET),
      basicOf(CLIENT, 'wrong'),
    ]) {
      const res = await tokenRequest(mock, auth);
      expect(res.statusCode, String(auth)).toBe(401);
      expect(JSON.parse(res.body).error).toBe('invalid_client');
    }
  });

  it('does not take client_id and client_secret from the body', async () => {
    mock = await testMock({ accounts: [{ clientId: CLIENT, clientSecret: SECRET }] });
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: CLIENT,
      client_secret: SECRET,
    });
    const res = await tokenRequest(mock, undefined, body.toString());
    expect(res.statusCode).toBe(401);
  });

  it('answers a missing or other grant type with unsupported_grant_type and 400', async () => {
    mock = await testMock();
    for (const payload of ['', 'grant_type=password', 'grant_type=refresh_token']) {
      const res = await tokenRequest(mock, mock.basic(), payload);
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body)).toEqual({
        error: 'unsupported_grant_type',
        message: 'The authorization grant type is not supported by the authorization server.',
      });
    }
  });

  it('accepts a JSON body by default and refuses it when the profile takes forms only', async () => {
    const json = { 'content-type': 'application/json' };
    mock = await testMock();
    expect(
      (await tokenRequest(mock, mock.basic(), '{"grant_type":"client_credentials"}', json))
        .statusCode,
    ).toBe(200);
    expect((await tokenRequest(mock, mock.basic(), '{not json', json)).statusCode).toBe(400);
    await mock.close();
    mock = await testMock({ settings: { tokenBody: 'form' } });
    const res = await tokenRequest(mock, mock.basic(), '{"grant_type":"client_credentials"}', json);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error).toBe('unsupported_grant_type');
  });

  it('answers other methods with 405 and Allow: POST', async () => {
    mock = await testMock();
    const res = await mock.app.inject({ method: 'GET', url: '/oauth2/token' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('POST');
  });

  it('refuses a disabled account and an address outside the account allow list', async () => {
    mock = await testMock({
      accounts: [
        { clientId: CLIENT, clientSecret: SECRET, enabled: false },
        { clientId: 'b'.repeat(40), clientSecret: SECRET, ipAddresses: ['10.0.0.0/8'] },
        { clientId: 'c'.repeat(40), clientSecret: SECRET, ipAddresses: ['127.0.0.0/8'] },
      ],
    });
    expect((await tokenRequest(mock, basicOf(CLIENT, SECRET))).statusCode).toBe(401);
    expect((await tokenRequest(mock, basicOf('b'.repeat(40), SECRET))).statusCode).toBe(401);
    expect((await tokenRequest(mock, basicOf('c'.repeat(40), SECRET))).statusCode).toBe(200);
  });

  it('gives the cloud profile a lowercase bearer type and a 1799 s lifetime', async () => {
    mock = await testMock({ settings: { profile: 'cloud' } });
    const res = await tokenRequest(mock, mock.basic());
    expect(res.body).toMatch(
      /^\{"access_token":"[A-Za-z0-9]{40}","token_type":"bearer","expires_in":1799\}$/,
    );
  });
});

describe('bearer tokens on /api/reporting', () => {
  it('answers a request without Authorization with 401, WWW-Authenticate: Bearer and an XML error', async () => {
    mock = await testMock();
    const res = await mock.app.inject({
      url: '/api/reporting?generate_report=SupportSession&start_time=0&duration=0',
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.headers['content-type']).toBe('text/xml; charset=UTF-8');
    expect(res.body).toContain(
      '<error xmlns="http://www.beyondtrust.com/sra/namespaces/API/reporting">Authentication failed.</error>',
    );
    expect(res.body).not.toContain('session');
  });

  it('answers a Basic scheme and legacy username/password parameters with 401, never data', async () => {
    mock = await testMock();
    const basic = await mock.app.inject({
      url: '/api/reporting?generate_report=SupportSession&start_time=0&duration=0',
      headers: { authorization: mock.basic() },
    });
    expect(basic.statusCode).toBe(401);
    const legacy = await mock.app.inject({
      url: '/api/reporting?username=u&password=p&generate_report=SupportSession&start_time=0&duration=0',
    });
    expect(legacy.statusCode).toBe(401);
  });

  it('answers an unknown or malformed token with 401 invalid_token', async () => {
    mock = await testMock();
    for (const auth of ['Bearer nope', 'Bearer ', 'Bearer a b c']) {
      const res = await listing(mock, auth);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    }
  });

  it('accepts the scheme name in any case', async () => {
    mock = await testMock();
    const token = await mock.token();
    expect((await listing(mock, `bearer ${token}`)).statusCode).toBe(200);
    expect((await listing(mock, `BEARER ${token}`)).statusCode).toBe(200);
  });

  it('expires a token after expires_in seconds of appliance time', async () => {
    mock = await testMock({ settings: { expiresIn: 5 } });
    const token = await mock.token();
    expect((await listing(mock, `Bearer ${token}`)).statusCode).toBe(200);
    mock.state.clock.advance(4);
    expect((await listing(mock, `Bearer ${token}`)).statusCode).toBe(200);
    mock.state.clock.advance(1);
    const expired = await listing(mock, `Bearer ${token}`);
    expect(expired.statusCode).toBe(401);
    expect(expired.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    const fresh = await mock.token();
    expect((await listing(mock, `Bearer ${fresh}`)).statusCode).toBe(200);
  });

  it('keeps at most 30 live tokens per account: the 31st evicts the oldest', async () => {
    mock = await testMock();
    const tokens: string[] = [];
    for (let i = 0; i < 31; i++) tokens.push(await mock.token());
    expect((await listing(mock, `Bearer ${tokens[0]}`)).statusCode).toBe(401);
    for (const t of tokens.slice(1))
      expect((await listing(mock, `Bearer ${t}`)).statusCode).toBe(200);
  });

  it('does not let expired tokens count against the cap', async () => {
    mock = await testMock({ settings: { expiresIn: 10, tokenCap: 2 } });
    await mock.token();
    mock.state.clock.advance(11);
    const a = await mock.token();
    const b = await mock.token();
    expect((await listing(mock, `Bearer ${a}`)).statusCode).toBe(200);
    expect((await listing(mock, `Bearer ${b}`)).statusCode).toBe(200);
  });

  it('revokes every token of an account when its secret is rotated or it is disabled', async () => {
    mock = await testMock();
    const account = mock.state.accounts[0]!;
    const before = [await mock.token(), await mock.token()];
    mock.state.tokens.revokeAll(account);
    for (const t of before) expect((await listing(mock, `Bearer ${t}`)).statusCode).toBe(401);
    const after = await mock.token();
    account.enabled = false;
    expect((await listing(mock, `Bearer ${after}`)).statusCode).toBe(401);
  });

  it('answers a valid token without the support permission with 200 Permission denied', async () => {
    mock = await testMock({ accounts: [{ permissions: { support: false } }] });
    const res = await mock.report({
      generate_report: 'SupportSession',
      start_time: 0,
      duration: 0,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('>Permission denied.</error>');
  });
});
