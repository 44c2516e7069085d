import type { RunningMock } from '../server/listen.js';

/** A token of the mock's first API account, fetched the way a client does. */
export async function tokenFor(mock: RunningMock): Promise<string> {
  const account = mock.state.accounts[0]!;
  const basic = Buffer.from(`${account.clientId}:${account.clientSecret}`).toString('base64');
  const res = await fetch(`${mock.url}/oauth2/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  return ((await res.json()) as { access_token: string }).access_token;
}
