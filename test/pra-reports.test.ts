import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vaultEventsOfDay } from '../generators/vault-activity.js';
import { utcDay } from '../generators/time.js';
import { createWorld, jumpGroupOf, repById, type World } from '../generators/world.js';
import { applianceMessage } from '../server/errors.js';
import { REPORTS } from '../server/reports/index.js';
import { PRA_REPORTS } from '../server/reports/pra/index.js';
import { syslogMemberName } from '../server/reports/pra/syslog.js';
import { Doc, attr } from './xml-query.js';
import { NOW, testMock, type TestMock } from './helpers.js';
import { sessionsEndedBetween, sessionsStartedBetween } from './pra-world-sessions.js';

const DAY = 86_400;
let pra: TestMock;
let rs: TestMock;
let world: World;

beforeAll(async () => {
  pra = await testMock({ product: 'pra' });
  rs = await testMock();
  world = createWorld(1, 'pra');
});
afterAll(async () => {
  await pra.close();
  await rs.close();
});

const errorText = (xml: string) => new Doc(xml).root.text();
const WINDOWS = {
  start_time: { start_time: NOW - DAY, duration: DAY },
  end_time: { end_time: NOW - DAY, duration: DAY },
  start_date: { start_date: '2025-12-02', duration: 1 },
  end_date: { end_date: '2025-12-02', duration: 1 },
};

describe('report names belong to one product', () => {
  it('a PRA appliance answers every Remote Support-only name with Invalid report type.', async () => {
    const rsOnly = [...REPORTS.keys()].filter((n) => !PRA_REPORTS.has(n));
    expect(rsOnly).toContain('SupportSession');
    for (const name of rsOnly) {
      const res = await pra.report({ generate_report: name, ...WINDOWS.start_time });
      expect(errorText(res.body), name).toBe(applianceMessage('INVALID_REPORT_TYPE', 'en'));
    }
  });

  it('a Remote Support appliance answers every PRA-only name with Invalid report type.', async () => {
    const praOnly = [...PRA_REPORTS.keys()].filter((n) => !REPORTS.has(n));
    expect(praOnly).toContain('AccessSession');
    for (const name of praOnly) {
      const res = await rs.report({ generate_report: name, ...WINDOWS.start_time });
      expect(errorText(res.body), name).toBe(applianceMessage('INVALID_REPORT_TYPE', 'en'));
    }
  });

  it('an lsid of a Remote Support world names no PRA session', async () => {
    const listing = new Doc(
      (await rs.report({ generate_report: 'SupportSessionListing', ...WINDOWS.start_time })).body,
    );
    const lsid = listing.attrs('/r:session_summary_list/r:session_summary', 'lsid')[0]!;
    const res = await pra.report({ generate_report: 'AccessSession', lsid });
    expect(errorText(res.body)).toBe(applianceMessage('INVALID_LSID', 'en'));
  });
});

describe('AccessSession', () => {
  it('gives every session its Jump Group, Jump Item and Jumpoint, and no Remote Support-only element', async () => {
    const doc = new Doc(
      (await pra.report({ generate_report: 'AccessSession', ...WINDOWS.start_time })).body,
    );
    const sessions = doc.all('/r:session_list/r:session');
    const expected = sessionsStartedBetween(world, NOW - DAY, NOW - 1);
    expect(sessions.map((s) => attr(s, 'lsid'))).toEqual(expected.map((s) => s.lsid));
    for (const [i, s] of sessions.entries()) {
      const core = expected[i]!;
      const item = world.jumpItems.find((it) => it.id === core.jump!.jumpItemId)!;
      const group = jumpGroupOf(world, item.jumpGroupId, item.jumpGroupType);
      expect(doc.text('r:session_type', s)).toBe('support');
      const jg = doc.all('r:jump_group', s)[0]!;
      expect([jg.text(), attr(jg, 'type'), attr(jg, 'id')]).toEqual([
        group.name,
        group.type,
        String(group.id),
      ]);
      const jumpoint = world.jumpoints.find((j) => j.id === item.jumpointId);
      expect(doc.text('r:jumpoint', s)).toBe(jumpoint?.name);
      // The Jump Item is the session's customer, as in real PRA output.
      expect(doc.text('r:primary_customer', s)).toBe(item.name);
      expect(doc.text('r:customer_list/r:customer/r:username', s)).toBe(item.name);
      expect(doc.text('r:primary_rep', s)).toBe(repById(world, core.primaryRepId!).displayName);
      for (const absent of [
        'r:public_site',
        'r:cust_survey_list',
        'r:rep_survey_list',
        '//r:primary_cust',
        '//r:info',
      ]) {
        expect(doc.all(absent, s), absent).toHaveLength(0);
      }
    }
  });

  it('reports personal Jump Groups by type, though their ids repeat shared ones', async () => {
    const personal = world.jumpGroups.filter((g) => g.type === 'personal');
    expect(
      personal.some((p) => world.jumpGroups.some((g) => g.type === 'shared' && g.id === p.id)),
    ).toBe(true);
    const doc = new Doc(
      (
        await pra.report({
          generate_report: 'AccessSession',
          start_time: NOW - 7 * DAY,
          duration: 0,
        })
      ).body,
    );
    const types = doc.attrs('//r:session/r:jump_group', 'type');
    expect(new Set(types)).toEqual(new Set(['shared', 'personal']));
  });

  it('records the injected vault credential as a Credential Injection Attempt', async () => {
    const core = sessionsEndedBetween(world, NOW - 3 * DAY, NOW).find(
      (s) => s.vaultAccountId !== undefined,
    )!;
    const doc = new Doc(
      (await pra.report({ generate_report: 'AccessSession', lsid: core.lsid })).body,
    );
    const event = doc.all('//r:event[@event_type="Credential Injection Attempt"]')[0]!;
    const account = world.pra!.vaultAccounts.find((a) => a.id === core.vaultAccountId)!;
    const values = Object.fromEntries(
      doc.all('r:data/r:value', event).map((v) => [attr(v, 'name'), attr(v, 'value')]),
    );
    expect(values.credential_id).toBe(String(account.id));
    expect(values.credential_name).toBe(account.name);
  });
});

describe('listing, detail and summary agree, as for Remote Support', () => {
  for (const [name, window] of Object.entries(WINDOWS)) {
    it(`name the same sessions for a ${name} window`, async () => {
      const listing = new Doc(
        (await pra.report({ generate_report: 'AccessSessionListing', ...window })).body,
      );
      const detail = new Doc(
        (await pra.report({ generate_report: 'AccessSession', ...window })).body,
      );
      const listed = listing.attrs('/r:session_summary_list/r:session_summary', 'lsid');
      expect(listed.length).toBeGreaterThan(0);
      expect(listed).toEqual(detail.attrs('/r:session_list/r:session', 'lsid'));

      const recorded = listing
        .all('/r:session_summary_list/r:session_summary[@has_recording="1"]')
        .map((e) => attr(e, 'lsid'));
      const withUrl = detail
        .all('/r:session_list/r:session[r:session_recording_download_url]')
        .map((e) => attr(e, 'lsid'));
      expect(recorded).toEqual(withUrl);

      const summary = new Doc(
        (await pra.report({ generate_report: 'AccessSessionSummary', ...window })).body,
      );
      const counts = summary
        .all('/r:summary_list/r:summary')
        .map((s) => Number(summary.text('r:session_count', s)));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(listed.length);
    });
  }

  it('AccessSessionSummary groups by team on request and knows no public sites', async () => {
    const team = await pra.report({
      generate_report: 'AccessSessionSummary',
      report_type: 'team',
      ...WINDOWS.start_time,
    });
    expect(new Doc(team.body).rootName).toBe('summary_list');
    const site = await pra.report({
      generate_report: 'AccessSessionSummary',
      report_type: 'site',
      ...WINDOWS.start_time,
    });
    expect(errorText(site.body)).toBe(
      applianceMessage('INVALID_VALUE', 'en', { name: 'report_type' }),
    );
  });
});

describe('errors and empty windows read as on Remote Support', () => {
  const future = { start_time: NOW + DAY, duration: 3600 };
  it.each([
    ['AccessSession', 'NO_DATA_SUPPORT'],
    ['AccessSessionListing', 'NO_DATA_SUPPORT'],
    ['AccessSessionSummary', 'NO_DATA_SUPPORT'],
    ['Team', 'NO_DATA_TEAM'],
    ['VaultAccountActivity', 'NO_DATA_VAULT'],
  ] as const)('an empty %s window gives its no-data sentence', async (name, code) => {
    const res = await pra.report({ generate_report: name, ...future });
    expect(errorText(res.body)).toBe(applianceMessage(code, 'en'));
  });

  it.each(['AccessSession', 'AccessSessionListing', 'Team', 'VaultAccountActivity'])(
    '%s rejects an ISO start_time and asks for a time window when none is given',
    async (name) => {
      const bad = await pra.report({
        generate_report: name,
        start_time: '2025-09-18T19:12:20Z',
        duration: 0,
      });
      expect(errorText(bad.body)).toBe(
        applianceMessage('INVALID_VALUE', 'en', { name: 'start_time' }),
      );
      const none = await pra.report({ generate_report: name });
      expect(errorText(none.body)).toMatch(/^One of start_date, start_time, end_date/);
    },
  );

  it('reads the French no-data sentence under locale fr', async () => {
    const fr = await testMock({ product: 'pra', settings: { locale: 'fr' } });
    const res = await fr.report({
      generate_report: 'AccessSession',
      start_time: NOW + DAY,
      duration: 60,
    });
    await fr.close();
    expect(errorText(res.body)).toBe(applianceMessage('NO_DATA_SUPPORT', 'fr'));
  });

  it('AccessSession answers an unknown lsid with Invalid lsid.', async () => {
    const res = await pra.report({ generate_report: 'AccessSession', lsid: 'f'.repeat(32) });
    expect(errorText(res.body)).toBe(applianceMessage('INVALID_LSID', 'en'));
  });
});

describe('VaultAccountActivity', () => {
  it('lists the day’s vault events in time order, and a cursor at the last timestamp + 1 sees only newer ones', async () => {
    const from = NOW - 2 * DAY;
    const first = new Doc(
      (
        await pra.report({
          generate_report: 'VaultAccountActivity',
          start_time: from,
          duration: DAY,
        })
      ).body,
    );
    const items = first.all('/r:vault_account_activity_list/r:vault_account_activity');
    const clock = { now: NOW, settleSeconds: 0 };
    const expected = [utcDay(from), utcDay(from) + 1]
      .flatMap((d) => vaultEventsOfDay(world, d, clock))
      .filter((e) => e.timestamp >= from && e.timestamp < from + DAY);
    expect(
      items.map((e) => [
        Number(attr(e, 'timestamp')),
        attr(e, 'event_type'),
        Number(attr(e, 'account')),
      ]),
    ).toEqual(expected.map((e) => [e.timestamp, e.eventType, e.accountId]));
    const last = Math.max(...items.map((e) => Number(attr(e, 'timestamp'))));

    // The .NET connector sends start_time alone; duration then means "up to now".
    const next = new Doc(
      (await pra.report({ generate_report: 'VaultAccountActivity', start_time: last + 1 })).body,
    );
    const stamps = next.attrs('//r:vault_account_activity', 'timestamp').map(Number);
    expect(stamps.length).toBeGreaterThan(0);
    expect(Math.min(...stamps)).toBeGreaterThan(last);
    expect(Math.max(...stamps)).toBeLessThanOrEqual(NOW);
  });

  it('writes the event types of A.1, performed_by with @id and @type, and data for password changes', async () => {
    const doc = new Doc(
      (
        await pra.report({
          generate_report: 'VaultAccountActivity',
          start_time: NOW - 14 * DAY,
          duration: 0,
        })
      ).body,
    );
    const types = new Set(doc.attrs('//r:vault_account_activity', 'event_type'));
    for (const t of [
      'Account Created',
      'Password Changed',
      'Account Deleted',
      'Account Checked Out',
      'Account Checked In',
    ]) {
      expect(types.has(t), t).toBe(true);
    }
    for (const changed of doc.all('//r:vault_account_activity[@event_type="Password Changed"]')) {
      expect(['Manually Edited', 'Automatically Rotated']).toContain(doc.text('r:data', changed));
    }
    for (const by of doc.all('//r:performed_by')) {
      const user = repById(world, Number(attr(by, 'id')));
      expect([attr(by, 'type'), by.text()]).toEqual(['User', user.displayName]);
    }
  });
});

/** The line format a SIEM connector parses syslog with (BeyondTrust header, then the payload). */
const LINE =
  /^(\w{3}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2})\s+(\S+)\s+(\S+)\[(\d+)\]:\s+(\d+):(\d+):(\d+):(.*)$/;

function syslogPayloads(lines: string[]): string[] {
  const out: string[] = [];
  const partial = new Map<string, string[]>();
  for (const line of lines) {
    const m = LINE.exec(line);
    expect(m, line).not.toBeNull();
    const [, , , app, pid, site, part, total, payload] = m!;
    expect(app).toBe('BG');
    if (total === '01') {
      out.push(payload!);
      continue;
    }
    const key = `${pid}:${site}`;
    const parts = [...(partial.get(key) ?? []), payload!];
    expect(Number(part)).toBe(parts.length);
    if (parts.length === Number(total)) {
      out.push(parts.join(''));
      partial.delete(key);
    } else partial.set(key, parts);
  }
  expect(partial.size).toBe(0);
  return out;
}

function fields(payload: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of payload.match(/(?:\\.|[^;])+/g) ?? []) {
    const at = pair.search(/(?<!\\)=/);
    out[pair.slice(0, at)] = pair.slice(at + 1).replace(/\\(.)/g, '$1');
  }
  return out;
}

describe('Syslog', () => {
  it('is a ZIP with one member per day of the last seven days, lines in the BeyondTrust syslog format', async () => {
    const res = await pra.report({ generate_report: 'Syslog' });
    expect(res.headers['content-type']).toBe('application/zip');
    const members = unzipSync(new Uint8Array(res.rawPayload));
    const names = Object.keys(members);
    expect(names).toHaveLength(8);
    expect(names[names.length - 1]).toBe('syslog-2025-12-03.log');
    const lines = names.flatMap((n) =>
      Buffer.from(members[n]!).toString('utf8').split('\n').filter(Boolean),
    );
    const payloads = syslogPayloads(lines).map(fields);
    const whens = payloads.map((p) => Number(p.when));
    expect(whens).toEqual([...whens].sort((a, b) => a - b));
    expect(Math.min(...whens)).toBeGreaterThanOrEqual(NOW - 7 * DAY);
    // Long messages are split into segments and come back whole, escapes included.
    const changed = payloads.filter((p) => p.event === 'user_changed');
    expect(changed.length).toBeGreaterThan(0);
    expect(
      changed.every((p) => 'new_perm_elevation' in p && p.new_comments!.includes('; access=')),
    ).toBe(true);
  });

  it('logs each user in before a Jump and out after the session ends', async () => {
    const from = NOW - 2 * DAY;
    const res = await pra.report({ generate_report: 'Syslog', start_time: from, duration: DAY });
    const members = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(members)).toEqual(['syslog-2025-12-01.log', 'syslog-2025-12-02.log']);
    const lines = Object.values(members).flatMap((m) =>
      Buffer.from(m).toString('utf8').split('\n').filter(Boolean),
    );
    const payloads = syslogPayloads(lines).map(fields);
    const logins = payloads.filter((p) => p.event === 'login');
    const logouts = payloads.filter((p) => p.event === 'logout');
    for (const s of sessionsStartedBetween(world, from + 300, from + DAY - 1)) {
      const rep = repById(world, s.primaryRepId!);
      const who = `${rep.displayName}(${rep.username}) using password`;
      expect(
        logins.some(
          (p) => p.who === who && Number(p.when) <= s.start && Number(p.when) >= s.start - 120,
        ),
        s.lsid,
      ).toBe(true);
    }
    for (const s of sessionsEndedBetween(world, from, from + DAY - 400)) {
      const rep = repById(world, s.primaryRepId!);
      expect(
        logouts.some(
          (p) =>
            p.who!.startsWith(`${rep.displayName}(`) &&
            Number(p.when) > s.plannedEnd &&
            Number(p.when) <= s.plannedEnd + 300,
        ),
        s.lsid,
      ).toBe(true);
    }
  });

  it('writes header times in the site time zone and survives a Host header that is no host', async () => {
    const chicago = await testMock({ product: 'pra', settings: { siteTz: 'America/Chicago' } });
    const res = await chicago.report(
      { generate_report: 'Syslog', start_time: NOW - 3600 * 6, duration: 3600 * 6 },
      { headers: { host: 'bad host name' } },
    );
    await chicago.close();
    const lines = Object.values(unzipSync(new Uint8Array(res.rawPayload))).flatMap((m) =>
      Buffer.from(m).toString('utf8').split('\n').filter(Boolean),
    );
    expect(lines.length).toBeGreaterThan(0);
    const whole = lines.map((l) => LINE.exec(l)!).filter((m) => m[7] === '01');
    expect(whole.length).toBeGreaterThan(0);
    for (const m of whole) {
      // December in Chicago is UTC−6: the header shows the wall clock there.
      const local = new Date((Number(fields(m[8]!).when) - 6 * 3600) * 1000).toISOString();
      expect(m[1]!.slice(-8)).toBe(local.slice(11, 19));
    }
  });

  it('answers a window in the future with an archive without members', async () => {
    const res = await pra.report({
      generate_report: 'Syslog',
      start_time: NOW + DAY,
      duration: 3600,
    });
    expect(res.headers['content-type']).toBe('application/zip');
    expect(Object.keys(unzipSync(new Uint8Array(res.rawPayload)))).toEqual([]);
  });

  it('answers a window from 1970 with a whole archive whose members start in 1980', async () => {
    const res = await pra.report({ generate_report: 'Syslog', start_time: 0, duration: 0 });
    const names = Object.keys(unzipSync(new Uint8Array(res.rawPayload)));
    // A ZIP cannot date a member before 1980; every day from then on is one member.
    expect(names[0]).toBe('syslog-1980-01-01.log');
    expect(names.at(-1)).toBe(syslogMemberName(utcDay(NOW)));
    expect(names.length).toBe(utcDay(NOW) - utcDay(Date.UTC(1980, 0, 1) / 1000) + 1);
  });
});

describe('Jump Items, license usage and recordings', () => {
  it('EndpointLicenseUsage lists the PRA world’s Jump Items, personal groups included', async () => {
    const res = await pra.report({ generate_report: 'EndpointLicenseUsage' });
    const csv = Buffer.from(unzipSync(new Uint8Array(res.rawPayload))['jump_items.csv']!).toString(
      'utf8',
    );
    const rows = parse(csv) as string[][];
    expect(rows.slice(1).map((r) => [r[0], r[6]])).toEqual(
      world.jumpItems.map((it) => [
        it.name,
        jumpGroupOf(world, it.jumpGroupId, it.jumpGroupType).name,
      ]),
    );
  });

  it('JumpItem lists the same items with their groups and Jumpoints', async () => {
    const doc = new Doc((await pra.report({ generate_report: 'JumpItem' })).body);
    const items = doc.all('/r:jump_item_list/r:jump_item');
    expect(items.map((e) => doc.text('r:name', e))).toEqual(world.jumpItems.map((it) => it.name));
    expect(doc.attrs('//r:jump_item/r:jump_group', 'type')).toContain('personal');
  });

  it('AccessSessionRecording and UserRecording return the recording of a recorded session', async () => {
    const listing = new Doc(
      (await pra.report({ generate_report: 'AccessSessionListing', ...WINDOWS.end_time })).body,
    );
    const lsid = attr(listing.all('//r:session_summary[@has_recording="1"]')[0]!, 'lsid');
    for (const name of ['AccessSessionRecording', 'UserRecording']) {
      const res = await pra.report({ generate_report: name, lsid });
      expect(res.headers['content-type']).toBe('video/x-flv');
      expect(res.rawPayload.subarray(0, 3).toString('latin1')).toBe('FLV');
    }
    const missing = await pra.report({ generate_report: 'AccessSessionRecording' });
    expect(errorText(missing.body)).toBe(
      applianceMessage('MISSING_PARAMETER', 'en', { name: 'lsid' }),
    );
  });
});
