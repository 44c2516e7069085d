import { readFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { sessionsInWindow } from '../generators/timeline.js';
import { createWorld } from '../generators/world.js';
import { buildApp } from '../server/app.js';
import { ToolError, type ToolProblem } from '../server/errors.js';
import { listen } from '../server/listen.js';
import { NOW, attributeValues, testMock, type TestMock } from './helpers.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`./fixtures/world/${name}`, import.meta.url));
const at = (iso: string) => Date.parse(iso) / 1000;

/** 1-based line of the first line of the file that contains `marker`. */
function lineOf(name: string, marker: string): number {
  const index = readFileSync(fixture(name), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(marker));
  expect(index).toBeGreaterThanOrEqual(0);
  return index + 1;
}

async function problemsOf(name: string): Promise<readonly ToolProblem[]> {
  const error = await buildApp({
    seed: 1,
    now: NOW,
    frozenClock: true,
    worldFile: fixture(name),
  }).then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ToolError);
  expect((error as ToolError).code).toBe('BAD_FIXTURE');
  return (error as ToolError).problems;
}

function sessionOf(xml: string, externalKey: string): string {
  const sessions = xml.split('<session ').slice(1);
  const found = sessions.find((s) => s.includes(`<external_key>${externalKey}</external_key>`));
  expect(found, `no session ${externalKey}`).toBeDefined();
  return found!;
}

describe('a world file pins parts of the world', () => {
  let mock: TestMock;
  const file = parseYaml(readFileSync(fixture('pinned.yaml'), 'utf8')) as {
    sessions: { events?: { event_type: string; body?: string; timestamp: string }[] }[];
  };
  const generated = createWorld(1);

  beforeAll(async () => {
    mock = await testMock({ worldFile: fixture('pinned.yaml') });
  });
  afterAll(() => mock.close());

  it('replaces the given fields of a generated representative and keeps the others', () => {
    const rep = mock.state.world.reps.find((r) => r.id === 1)!;
    expect(rep.username).toBe('jdoe');
    expect(rep.displayName).toBe('Jane Doe');
    expect(rep.os).toBe(generated.reps[0]!.os);
    expect(rep.teamIds).toEqual(generated.reps[0]!.teamIds);
  });

  it('extends the lists with new ids and keeps the generated ones', () => {
    expect(mock.state.world.sites.map((s) => s.id)).toEqual([
      ...generated.sites.map((s) => s.id),
      4,
    ]);
    expect(mock.state.world.reps.at(-1)).toMatchObject({
      id: 40,
      username: 'mmuster',
      teamIds: [1],
    });
    expect(mock.state.world.teams.find((t) => t.id === 1)!.name).toBe('Escalations');
  });

  it('serves a pinned session with its site, people and events exactly as given', async () => {
    const res = await mock.report({
      generate_report: 'SupportSession',
      start_time: at('2025-12-02T09:00:00Z'),
      duration: 60,
    });
    const session = sessionOf(res.body, 'FIXTURE-1');
    expect(session).toContain('<public_site id="4">Lab Portal</public_site>');
    expect(session).toContain('<primary_rep gsnumber="3" id="40">Max Muster</primary_rep>');
    expect(session).toContain('<primary_customer gsnumber="2">Ada Customer</primary_customer>');
    expect(session).toContain('<seconds_involved>1100</seconds_involved>');
    expect(session).toContain(`<end_time timestamp="${at('2025-12-02T09:20:00Z')}">`);
    expect(attributeValues(session, 'event', 'event_type')).toEqual(
      file.sessions[0]!.events!.map((e) => e.event_type),
    );
    expect(session).toContain('<body>My printer is on fire</body>');
    // Counts follow the pinned events: one upload.
    expect(session).toContain('<file_transfer_count>1</file_transfer_count>');
  });

  it('keeps a chosen lsid and hides the session until visible_at', async () => {
    const lsid = '0123456789abcdef0123456789abcdef';
    const before = await mock.report({ generate_report: 'SupportSession', lsid });
    expect(before.body).toContain('Invalid lsid.');
    mock.state.clock.set(at('2025-12-03T14:30:00Z'));
    try {
      const after = await mock.report({ generate_report: 'SupportSession', lsid });
      expect(attributeValues(after.body, 'session', 'lsid')).toEqual([lsid]);
      expect(sessionOf(after.body, 'FIXTURE-LATE')).toContain('<lseq>');
    } finally {
      mock.state.clock.set(NOW);
    }
  });

  it('shows a pinned session that is still running with only its past events', async () => {
    const res = await mock.report({
      generate_report: 'SupportSession',
      start_time: at('2025-12-03T13:30:00Z'),
      duration: 0,
    });
    const session = sessionOf(res.body, 'FIXTURE-RUNNING');
    const past = file.sessions[2]!.events!.filter(
      (e) => at(e.timestamp) <= NOW && e.event_type !== 'Session End',
    );
    expect(attributeValues(session, 'event', 'event_type')).toEqual(past.map((e) => e.event_type));
    expect(session).not.toContain('after now');
    expect(session).toMatch(/<end_time><\/end_time>/);
  });

  it('the summary by representative counts the pinned sessions of the new representative', async () => {
    const res = await mock.report({
      generate_report: 'SupportSessionSummary',
      report_type: 'rep',
      start_time: at('2025-12-02T00:00:00Z'),
      duration: 0,
    });
    // Generated sessions draw from the extended list too, so the world's own data gives the count.
    const from = at('2025-12-02T00:00:00Z');
    const window = { field: 'start' as const, from, to: NOW, toInclusive: true };
    const sessions = [
      ...sessionsInWindow(mock.state.world, window, { now: NOW, settleSeconds: 0 }),
    ];
    const count = sessions.filter((s) => s.primaryRepId === 40).length;
    expect(
      sessions.filter((s) => s.primaryRepId === 40 && s.externalKey.startsWith('FIXTURE')).length,
    ).toBe(2);
    expect(res.body).toMatch(
      new RegExp(`<summary id="40" name="Max Muster">\\s*<session_count>${count}</session_count>`),
    );
  });
});

describe('a world file with mistakes is refused with precise errors', () => {
  it('a wrong type names the path and the expected type', async () => {
    const problems = await problemsOf('wrong-type.yaml');
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'sessions[2].reps[0].id',
        line: lineOf('wrong-type.yaml', 'id: three'),
        message: 'expected number, got string',
      }),
    ]);
  });

  it('an unknown field is named with its line', async () => {
    const problems = await problemsOf('unknown-field.yaml');
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'reps[0].colour',
        line: lineOf('unknown-field.yaml', 'colour'),
        message: 'unknown field',
      }),
    ]);
  });

  it('broken YAML is reported with its line', async () => {
    const problems = await problemsOf('broken.yaml');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.message).toMatch(/^not valid YAML\/JSON: /);
    expect(problems[0]!.line).toBe(lineOf('broken.yaml', 'external_key'));
    expect(problems[0]!.source).toBe(fixture('broken.yaml'));
  });

  it('a session naming a representative the world does not have is a dangling reference', async () => {
    const problems = await problemsOf('dangling.yaml');
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'sessions[0].reps[0].id',
        line: lineOf('dangling.yaml', 'id: 999'),
        message: 'no representative 999 in the world',
      }),
    ]);
  });

  it('impossible times in a JSON file are all reported at once', async () => {
    const problems = await problemsOf('impossible-times.json');
    expect(problems.map((p) => [p.path, p.line])).toEqual([
      ['sessions[0].end', lineOf('impossible-times.json', '"end": "2025-12-02T08:00:00Z"')],
      [
        'sessions[1].events[0].timestamp',
        lineOf('impossible-times.json', '"timestamp": "2025-12-02T11:00:00Z"'),
      ],
    ]);
    expect(problems[0]!.message).toMatch(/^ends before it starts/);
    expect(problems[1]!.message).toMatch(/after the session's end/);
  });

  it('the error message lists each problem as file:line: path: message', async () => {
    const error = await buildApp({ worldFile: fixture('dangling.yaml') }).then(
      () => new Error('no error'),
      (err: unknown) => err as Error,
    );
    expect(error.message).toContain(
      `${fixture('dangling.yaml')}:${lineOf('dangling.yaml', 'id: 999')}: sessions[0].reps[0].id: no representative 999`,
    );
  });

  it('a missing world file is named', async () => {
    const problems = await problemsOf('no-such-file.yaml');
    expect(problems).toEqual([
      expect.objectContaining({ source: fixture('no-such-file.yaml'), message: 'no such file' }),
    ]);
  });

  it('none of them starts a server: the port stays closed', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    for (const name of [
      'wrong-type.yaml',
      'unknown-field.yaml',
      'broken.yaml',
      'dangling.yaml',
      'impossible-times.json',
    ]) {
      await expect(listen({ port, worldFile: fixture(name) })).rejects.toMatchObject({
        code: 'BAD_FIXTURE',
      });
      const refused = await new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve('connected')));
        socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
      });
      expect(refused).toBe('ECONNREFUSED');
    }
  });
});
