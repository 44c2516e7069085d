import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_KEYS, envName } from '../server/config/keys.js';
import { resolveConfig, type ServeConfig } from '../server/config/resolve.js';
import { serveCommand } from '../server/commands/serve.js';
import { ToolError, type ToolProblem } from '../server/errors.js';
import { defaultSettings } from '../server/settings.js';
import { NOW, testMock } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'btmock-config-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Parses `btmock serve` arguments and returns the configuration the command would start. */
async function serveConfig(args: string[], env: Record<string, string> = {}): Promise<ServeConfig> {
  let captured: ServeConfig | undefined;
  await serveCommand(async (config) => {
    captured = config;
  }, env).parseAsync(args, { from: 'user' });
  return captured!;
}

function problemsOf(run: () => unknown): readonly ToolProblem[] {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).code).toBe('BAD_CONFIG');
    return (err as ToolError).problems;
  }
  throw new Error('expected a configuration error');
}

const lineOf = (path: string, marker: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(marker)) + 1;

describe('one precedence: flags > BTMOCK_* variables > configuration file > defaults', () => {
  it('each setting takes the value of the strongest source that gives it', async () => {
    const file = write(
      'precedence.yaml',
      ['port: 1111', 'profile: cloud', 'locale: fr', 'seed: 5', 'layout: pretty', ''].join('\n'),
    );
    const config = await serveConfig(['--config', file, '--port', '3333', '--layout', 'compact'], {
      BTMOCK_PORT: '2222',
      BTMOCK_LOCALE: 'en',
      BTMOCK_LAYOUT: 'real',
    });
    expect(config.port).toBe(3333); // flag over variable over file
    expect(config.options.settings?.layout).toBe('compact'); // flag over variable over file
    expect(config.options.settings?.locale).toBe('en'); // variable over file
    expect(config.options.settings?.profile).toBe('cloud'); // file over default
    expect(config.options.seed).toBe(5);
    expect(config.host).toBe('127.0.0.1'); // default
    expect(config.sources).toMatchObject({
      port: '--port',
      layout: '--layout',
      locale: 'BTMOCK_LOCALE',
      profile: `${file}:${lineOf(file, 'profile')}`,
    });
  });

  it('profile-derived defaults apply only where nothing was given', async () => {
    const config = await serveConfig(['--profile', 'cloud', '--expires-in', '600']);
    const app = await testMock(config.options);
    expect(app.state.settings.tokenType).toBe(defaultSettings('cloud').tokenType);
    expect(app.state.settings.expiresIn).toBe(600);
    await app.close();
  });

  it('the configuration file can be named by BTMOCK_CONFIG, and --config wins over it', async () => {
    const a = write('a.json', '{"seed": 11}');
    const b = write('b.json', '{"seed": 22}');
    expect((await serveConfig([], { BTMOCK_CONFIG: a })).options.seed).toBe(11);
    expect((await serveConfig(['--config', b], { BTMOCK_CONFIG: a })).options.seed).toBe(22);
  });

  it('every setting has a variable and a flag of the same name', async () => {
    for (const key of CONFIG_KEYS) {
      const sample =
        key.kind.type === 'int'
          ? '7'
          : key.kind.type === 'bool'
            ? 'true'
            : key.kind.type === 'enum'
              ? key.kind.values[0]!
              : key.kind.type === 'instant'
                ? String(NOW)
                : key.kind.type === 'zone'
                  ? 'Europe/Paris'
                  : key.kind.type === 'rate'
                    ? '5/s'
                    : 'x-admin-token';
      const extra =
        key.name === 'http_port'
          ? { BTMOCK_TLS: 'true' }
          : key.name.startsWith('tls_c') || key.name === 'tls_key'
            ? { BTMOCK_TLS_CERT: 'c.pem', BTMOCK_TLS_KEY: 'k.pem' }
            : {};
      const config = resolveConfig({ flags: {}, env: { ...extra, [envName(key.name)]: sample } });
      expect(config.sources[key.name], key.name).toBe(envName(key.name));
    }
  });
});

describe('the configuration file', () => {
  it('configures accounts with permissions and address prefixes, legacy users and a world file relative to itself', async () => {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    write('sub/world.yaml', 'sites:\n  - id: 9\n    name: From Config\n');
    const file = write(
      'sub/btmock.yaml',
      [
        'frozen_clock: true',
        `now: ${new Date(NOW * 1000).toISOString()}`,
        'world: world.yaml',
        'profile: legacy',
        'accounts:',
        '  - name: Reporting',
        '    client_id: 0123456789abcdef0123456789abcdef01234567',
        '    client_secret: "s3cret+/="',
        '    permissions: { support: true, presentation: false }',
        '  - name: Office only',
        '    client_id: office',
        '    client_secret: other',
        '    ip_addresses: [10.0.0.0/8]',
        'legacy_users:',
        '  - { username: helpdesk, password: pw }',
        '',
      ].join('\n'),
    );
    const config = resolveConfig({ flags: {}, env: {}, configFile: file });
    expect(config.options.worldFile).toBe(join(dir, 'sub', 'world.yaml'));
    const mock = await testMock(config.options);
    expect(mock.state.clock.now()).toBe(NOW);
    expect(mock.state.world.sites.some((s) => s.name === 'From Config')).toBe(true);
    expect(mock.state.accounts[0]).toMatchObject({
      clientId: '0123456789abcdef0123456789abcdef01234567',
      clientSecret: 's3cret+/=',
    });
    expect(mock.state.accounts[0]!.permissions).toMatchObject({
      support: true,
      presentation: false,
      license: true,
    });
    expect(mock.state.legacyUsers.map((u) => u.username)).toEqual(['helpdesk']);
    // The second account may only authenticate from 10.0.0.0/8; inject() comes from 127.0.0.1.
    const refused = await mock.app.inject({
      method: 'POST',
      url: '/oauth2/token',
      headers: {
        authorization: `Basic ${Buffer.from('office:other').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'grant_type=client_credentials',
    });
    expect(refused.statusCode).toBe(401);
    await mock.close();
  });

  it('BTMOCK_CLIENT_ID and --client-secret override the first account of the file', async () => {
    const file = write(
      'accounts.yaml',
      'accounts:\n  - client_id: from-file\n    client_secret: file-secret\n',
    );
    const config = await serveConfig(['--config', file, '--client-secret', 'flag-secret'], {
      BTMOCK_CLIENT_ID: 'from-env',
    });
    expect(config.options.accounts?.[0]).toMatchObject({
      clientId: 'from-env',
      clientSecret: 'flag-secret',
    });
  });
});

describe('configuration errors name their source and the problem', () => {
  it('a bad value in the file names the file, line and key', () => {
    const file = write('bad.yaml', 'seed: 3\nport: eighty\nprofile: onprem\n');
    const problems = problemsOf(() => resolveConfig({ flags: {}, env: {}, configFile: file }));
    expect(problems).toEqual([
      { source: file, path: 'port', line: 2, message: 'expected a whole number ≥ 0, got "eighty"' },
      {
        source: file,
        path: 'profile',
        line: 3,
        message: 'expected one of appliance, cloud, legacy, got "onprem"',
      },
    ]);
  });

  it('an unknown key and a bad account are named with their paths', () => {
    const file = write(
      'bad-lists.yaml',
      'colour: blue\naccounts:\n  - client_id: a\n    ip_addresses: [10.0.0.0/8, not-an-ip]\n',
    );
    const problems = problemsOf(() => resolveConfig({ flags: {}, env: {}, configFile: file }));
    expect(problems).toEqual([
      expect.objectContaining({ path: 'colour', line: 1, message: 'unknown setting' }),
      expect.objectContaining({
        path: 'accounts[0].ip_addresses[1]',
        line: 4,
        message: 'expected an IP address or prefix such as 10.0.0.0/8',
      }),
    ]);
  });

  it('a bad variable and a bad flag are named, all at once', async () => {
    const problems = await serveConfig(['--locale', 'de', '--site-tz', 'Mars/Olympus'], {
      BTMOCK_EXPIRES_IN: '0',
      BTMOCK_PROFLIE: 'cloud',
    }).then(
      () => [],
      (err: ToolError) => err.problems,
    );
    expect(problems).toEqual([
      { source: 'BTMOCK_EXPIRES_IN', path: '', message: 'expected a whole number ≥ 1, got "0"' },
      {
        source: 'BTMOCK_PROFLIE',
        path: '',
        message: 'unknown variable (see docs/configuration.md)',
      },
      { source: '--locale', path: '', message: 'expected one of en, fr, got "de"' },
      { source: '--site-tz', path: '', message: '"Mars/Olympus" is not an IANA time zone name' },
    ]);
  });

  it('a missing configuration file and TLS halves are refused', () => {
    const missing = join(dir, 'missing.yaml');
    expect(() => resolveConfig({ flags: {}, env: {}, configFile: missing })).toThrow(
      `${missing}: no such file`,
    );
    const problems = problemsOf(() => resolveConfig({ flags: { tls_cert: 'cert.pem' }, env: {} }));
    expect(problems).toEqual([
      {
        source: '--tls-cert',
        path: '',
        message: 'tls_cert and tls_key go together; give both or neither',
      },
    ]);
  });
});
