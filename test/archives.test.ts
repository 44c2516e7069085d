import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applianceMessage } from '../server/errors.js';
import { NAMESPACES } from '../server/settings.js';
import { NOW, expectValid, testMock, type TestMock } from './helpers.js';
import { isoDate } from './world-fixtures.js';
import type { Element } from 'libxmljs2';
import { Doc, attr } from './xml-query.js';

const SAMPLE = '/work/shared/samples/error-no-archives-bomgar-namespace.xml';
const DAY = 86_400;
const today = isoDate(NOW);
const yesterday = isoDate(NOW - DAY);
const midnight = Math.floor(NOW / DAY) * DAY;

let mock: TestMock;
beforeAll(async () => {
  mock = await testMock();
});
afterAll(() => mock.close());

async function archive(type: string, date: string, index: number) {
  return mock.report({ generate_report: 'Archive', type, date, index });
}

describe('ArchiveListing', () => {
  it('lists today only the slots that ended archive_lag_seconds ago (quirk 41)', async () => {
    const lag = mock.state.settings.archiveLagSeconds;
    const doc = new Doc(
      (await mock.report({ generate_report: 'ArchiveListing', date: today })).body,
    );
    const events = doc.all('r:event_archive');
    const states = doc.all('r:state_archive');
    expect(events.length).toBe(Math.floor((NOW - lag - midnight) / 600));
    expect(states.length).toBe(Math.floor((NOW - lag - midnight) / 1800) + 1);
    for (const e of events) {
      expect(Number(doc.attrs('r:end_time', 'timestamp', e)[0]) + lag).toBeLessThanOrEqual(NOW);
    }
    expect(doc.all('r:*').every((e) => ['state_archive', 'event_archive'].includes(e.name()))).toBe(
      true,
    );
    expect(doc.all('r:event_archive/r:index').map((e) => Number(e.text()))).toEqual(
      events.map((_, i) => i + 1),
    );
  });

  it('lists a whole past day: 48 state and 144 event archives', async () => {
    const doc = new Doc(
      (await mock.report({ generate_report: 'ArchiveListing', date: yesterday })).body,
    );
    expect(doc.all('r:state_archive').length).toBe(48);
    expect(doc.all('r:event_archive').length).toBe(144);
  });

  it('keeps seven active days; an older or future day is an empty <archives> (quirk 42)', async () => {
    const oldest = isoDate(NOW - 6 * DAY);
    const gone = isoDate(NOW - 7 * DAY);
    expect(
      new Doc((await mock.report({ generate_report: 'ArchiveListing', date: oldest })).body).all(
        'r:*',
      ).length,
    ).toBe(192);
    for (const date of [gone, isoDate(NOW + DAY)]) {
      const res = await mock.report({ generate_report: 'ArchiveListing', date });
      expect(res.body).toMatch(/<archives xmlns="[^"]+"><\/archives>\n$/);
    }
    expect((await archive('state', gone, 1)).body).toContain(applianceMessage('NO_ARCHIVES', 'en'));
  });

  it('the current slot has no archive until the lag has passed, then it has one', async () => {
    const current = Math.floor((NOW - midnight) / 600) + 1;
    const later = await testMock({
      now: midnight + current * 600 + mock.state.settings.archiveLagSeconds,
    });
    try {
      expect((await archive('event', today, current)).body).toContain(
        applianceMessage('NO_ARCHIVES', 'en'),
      );
      const res = await later.report({
        generate_report: 'Archive',
        type: 'event',
        date: today,
        index: current,
      });
      expect(res.headers['content-type']).toBe('application/x-gzip');
    } finally {
      await later.close();
    }
  });
});

describe('Archive errors are XML with the exact bytes clients compare', () => {
  it('"No archives" under the bomgar namespace is byte for byte the real sample (quirk 11)', async () => {
    const bomgar = await testMock({ settings: { namespace: 'bomgar' } });
    try {
      const token = await bomgar.token();
      const res = await bomgar.app.inject({
        url: `/api/reporting?generate_report=Archive&type=event&date=${yesterday}&index=999`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.rawPayload.equals(readFileSync(SAMPLE))).toBe(true);
    } finally {
      await bomgar.close();
    }
  });

  it('under the default namespace the same bytes carry the current namespace', async () => {
    const res = await archive('event', yesterday, 999);
    const expected = readFileSync(SAMPLE, 'utf8').replace(NAMESPACES.bomgar, NAMESPACES.sra);
    expect(res.body).toBe(expected);
    expectValid(expected);
  });

  it('with the Archive API switched off both reports answer "The Archive API is disabled."', async () => {
    const off = await testMock({ settings: { archiveApiEnabled: false } });
    try {
      const requests: Record<string, string | number>[] = [
        { generate_report: 'ArchiveListing', date: yesterday },
        { generate_report: 'Archive', type: 'state', date: yesterday, index: 1 },
      ];
      for (const params of requests) {
        const res = await off.report(params);
        expect(res.statusCode).toBe(200);
        expect(new Doc(res.body).root.text()).toBe(applianceMessage('ARCHIVE_API_DISABLED', 'en'));
      }
    } finally {
      await off.close();
    }
  });
});

describe('archive content comes from the same world as the session reports', () => {
  it('every state archive of a day lists exactly the sessions SupportSession shows running at its time', async () => {
    const sessions = new Doc(
      (
        await mock.report({
          generate_report: 'SupportSession',
          start_time: midnight - 3 * DAY,
          duration: 4 * DAY,
        })
      ).body,
    );
    const spans = sessions.all('r:session').map((s) => ({
      lsid: attr(s, 'lsid'),
      start: Number(sessions.attrs('r:start_time', 'timestamp', s)[0]),
      end: Number(sessions.attrs('r:end_time', 'timestamp', s)[0] ?? Infinity),
      customer: sessions.text('r:primary_customer', s),
    }));
    let seen = 0;
    for (let index = 1; index <= 48; index++) {
      const res = await archive('state', yesterday, index);
      expect([...res.rawPayload.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
      const state = JSON.parse(gunzipSync(res.rawPayload).toString('utf8')) as Record<
        string,
        Record<string, Record<string, unknown>> | null
      >;
      expect(Object.keys(state).sort()).toEqual([
        'customer_client',
        'representative',
        'representative_support_session',
        'support_session',
      ]);
      const at = midnight - DAY + (index - 1) * 1800;
      const running = spans.filter((s) => s.start <= at && at < s.end);
      expect(Object.keys(state.support_session ?? {}).sort()).toEqual(
        running.map((s) => s.lsid).sort(),
      );
      for (const s of running) {
        expect(state.support_session![s.lsid]).toMatchObject({
          created_timestamp: s.start,
          customer_name: s.customer,
        });
      }
      for (const link of Object.values(state.representative_support_session ?? {})) {
        expect(state.support_session).toHaveProperty([link.support_session_id as string]);
        expect(state.representative).toHaveProperty([link.representative_id as string]);
      }
      seen += running.length;
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('an event archive holds, as JSON lines, the events SupportSession shows in its ten minutes', async () => {
    const sessions = new Doc(
      (
        await mock.report({
          generate_report: 'SupportSession',
          start_time: midnight - 3 * DAY,
          duration: 4 * DAY,
        })
      ).body,
    );
    const expectedOf = (from: number) =>
      sessions
        .all('r:session/r:session_details/r:event')
        .map((e) => ({
          timestamp: Number(attr(e, 'timestamp')),
          event_type: attr(e, 'event_type'),
          lsid: attr((e.parent() as Element).parent() as Element, 'lsid'),
        }))
        .filter((e) => e.timestamp >= from && e.timestamp < from + 600);
    let lines = 0;
    for (let index = 55; index <= 144; index += 7) {
      const from = midnight - DAY + (index - 1) * 600;
      const res = await archive('event', yesterday, index);
      const records = gunzipSync(res.rawPayload)
        .toString('utf8')
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as { timestamp: number; event_type: string; lsid: string });
      const got = records.map(({ timestamp, event_type, lsid }) => ({
        timestamp,
        event_type,
        lsid,
      }));
      const want = expectedOf(from);
      const key = (e: { timestamp: number; event_type: string; lsid: string }) =>
        `${e.timestamp} ${e.lsid} ${e.event_type}`;
      expect(got.map(key).sort()).toEqual(want.map(key).sort());
      expect(got.map((e) => e.timestamp)).toEqual(
        [...got.map((e) => e.timestamp)].sort((a, b) => a - b),
      );
      lines += got.length;
    }
    expect(lines).toBeGreaterThan(0);
  });
});
