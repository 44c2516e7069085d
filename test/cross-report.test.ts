import type { Element } from 'libxmljs2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, testMock, type TestMock } from './helpers.js';
import { fixtures, isoDate, type Fixtures } from './world-fixtures.js';
import { Doc, attr } from './xml-query.js';

const DAY = 86_400;
let mock: TestMock;
let f: Fixtures;

beforeAll(async () => {
  mock = await testMock();
  f = fixtures(mock.state.world, NOW);
});
afterAll(() => mock.close());

async function doc(params: Record<string, string | number>): Promise<Doc> {
  return new Doc((await mock.report(params)).body);
}

const dataOf = (d: Doc, event: Element) =>
  Object.fromEntries(
    d.all('r:data/r:value', event).map((v) => [attr(v, 'name'), attr(v, 'value')]),
  );

describe('exit surveys belong to sessions of the world', () => {
  it('every customer survey of a week names a session whose own survey has the same answers', async () => {
    const from = NOW - 7 * DAY;
    const surveys = await doc({
      generate_report: 'SupportCustExitSurvey',
      start_time: from,
      duration: 7 * DAY,
      report_type: 'rep',
      id: 'all',
    });
    const items = surveys.all('r:exit_survey');
    expect(items.length).toBeGreaterThan(3);
    let dirty = 0;
    for (const survey of items.slice(0, 12)) {
      const session = await doc({ generate_report: 'SupportSession', lsid: attr(survey, 'lsid') });
      expect(session.text('r:session/r:end_time')).not.toBe('');
      expect(attr(survey, 'timestamp')).toBe(session.attrs('r:session/r:end_time', 'timestamp')[0]);
      const values = Object.fromEntries(
        session.all('//r:cust_exit_survey/r:value').map((v) => [attr(v, 'name'), attr(v, 'value')]),
      );
      for (const q of surveys.all('r:question_list/r:question', survey)) {
        const answers = surveys.all('r:answer_list/r:answer', q).map((a) => a.text());
        expect(answers.join(', ')).toBe(values[surveys.text('r:name', q)!]);
      }
      expect(surveys.attrs('r:primary_customer', 'gsnumber', survey)).toEqual(
        session.attrs('r:session/r:primary_customer', 'gsnumber'),
      );
    }
    for (const answer of surveys.all('//r:answer')) if (answer.text().includes('\\n')) dirty++;
    // Quirk 38: free text keeps the literal backslash-n of real answers.
    expect(dirty).toBeGreaterThan(0);
  });

  it('a ten-second window around a session start returns its survey (quirks 38, 39)', async () => {
    const s = f.custSurvey;
    const surveys = await doc({
      generate_report: 'SupportCustExitSurvey',
      start_time: s.start - 5,
      duration: 10,
      report_type: 'rep',
      id: 'all',
    });
    expect(surveys.attrs('r:exit_survey', 'lsid')).toContain(s.lsid);
  });

  it('report_type=rep with a user id keeps only sessions the user took part in', async () => {
    const repId = f.repSurvey.primaryRepId!;
    const surveys = await doc({
      generate_report: 'SupportRepExitSurvey',
      start_time: NOW - 14 * DAY,
      duration: 0,
      report_type: 'rep',
      id: repId,
    });
    const lsids = surveys.attrs('r:exit_survey', 'lsid');
    expect(lsids).toContain(f.repSurvey.lsid);
    for (const lsid of lsids) {
      const session = await doc({ generate_report: 'SupportSession', lsid });
      expect(session.attrs('//r:rep_list/r:representative', 'id')).toContain(String(repId));
      expect(session.all('//r:rep_survey_list/r:rep_exit_survey').length).toBe(1);
    }
  });
});

describe('team activity agrees with the representatives in sessions', () => {
  it('each representative joining or leaving a session in the window shows in each of their teams, and nothing else does', async () => {
    const from = Math.floor(NOW / DAY) * DAY - DAY;
    const team = await doc({ generate_report: 'SupportTeam', start_time: from, duration: DAY });
    const sessions = await doc({
      generate_report: 'SupportSession',
      start_time: from - 2 * DAY,
      duration: 3 * DAY,
    });
    const teamNames = new Map(
      team.all('r:team_activity').map((t) => [attr(t, 'name'), attr(t, 'id')]),
    );

    // Joins and leaves of representatives, from the session reports.
    const expected = new Set<string>();
    for (const s of sessions.all('r:session')) {
      const end = Number(sessions.attrs('r:end_time', 'timestamp', s)[0]);
      const ownerGs = sessions.attrs('r:primary_rep', 'gsnumber', s)[0];
      for (const added of sessions.all(
        'r:session_details/r:event[@event_type="Conference Member Added"][r:performed_by/@type="representative"]',
        s,
      )) {
        const data = dataOf(sessions, added);
        const gs = sessions.attrs('r:performed_by', 'gsnumber', added)[0]!;
        const departed = sessions.all(
          `r:session_details/r:event[@event_type="Conference Member Departed"][r:performed_by/@gsnumber="${gs}"]`,
          s,
        )[0];
        const leave = departed ? Number(attr(departed, 'timestamp')) : gs === ownerGs ? end : NaN;
        const actor = `${gs} ${sessions.text('r:performed_by', added)}`;
        const join = Number(attr(added, 'timestamp'));
        for (const name of data.support_teams!.split(', ')) {
          const teamId = teamNames.get(name) ?? `(${name})`;
          if (join >= from && join < from + DAY) expected.add(`${teamId} ${join} Added ${actor}`);
          if (leave >= from && leave < from + DAY)
            expected.add(`${teamId} ${leave} Departed ${actor}`);
        }
      }
    }

    const got = new Set<string>();
    for (const t of team.all('r:team_activity')) {
      for (const e of team.all('r:events/r:event', t)) {
        const type = attr(e, 'event_type').replace('Conference Member ', '');
        if (type !== 'Added' && type !== 'Departed') continue;
        const actor = team.all('r:performed_by', e)[0]!;
        got.add(
          `${attr(t, 'id')} ${attr(e, 'timestamp')} ${type} ${attr(actor, 'gsnumber')} ${actor.text()}`,
        );
      }
    }
    expect(got.size).toBeGreaterThan(0);
    expect([...got].sort()).toEqual([...expected].sort());
  });
});

describe('presentation listing and detail agree', () => {
  it('the same window lists the same presentations in the same order, with recordings where the detail has URLs', async () => {
    const window = { start_time: NOW - 14 * DAY, duration: 14 * DAY };
    const listing = await doc({ generate_report: 'PresentationSessionListing', ...window });
    const detail = await doc({ generate_report: 'PresentationSession', ...window });
    const items = listing.all('r:presentation_session_summary');
    expect(items.map((i) => attr(i, 'lsid'))).toEqual(
      detail.attrs('r:presentation_session', 'lsid'),
    );
    expect(items.length).toBeGreaterThan(3);
    for (const [i, p] of detail.all('r:presentation_session').entries()) {
      const hasUrl = detail.all('r:session_recording_download_url', p).length === 1;
      expect(attr(items[i]!, 'has_recording')).toBe(hasUrl ? '1' : '0');
      const presenterIds = detail.attrs('r:presenter_list/r:presenter', 'id', p);
      expect(presenterIds).toContain(detail.attrs('r:primary_presenter', 'id', p)[0]);
    }
  });

  it('presentation and support session lsids never collide', async () => {
    const presentations = await doc({
      generate_report: 'PresentationSessionListing',
      start_time: NOW - 30 * DAY,
      duration: 0,
    });
    const sessions = await doc({
      generate_report: 'SupportSessionListing',
      start_time: NOW - 30 * DAY,
      duration: 0,
    });
    const support = new Set(sessions.attrs('r:session_summary', 'lsid'));
    for (const lsid of presentations.attrs('r:presentation_session_summary', 'lsid'))
      expect(support.has(lsid)).toBe(false);
  });
});

describe('license usage agrees with the representatives in sessions', () => {
  it('each hour with a peak, and its maxima, follow from the session reports and the world licenses', async () => {
    const world = mock.state.world;
    const from = Math.floor(NOW / DAY) * DAY - 7 * DAY;
    const to = from + 7 * DAY;
    const usage = await doc({
      generate_report: 'LicenseUsage',
      start_time: from,
      duration: 7 * DAY,
      group_by: 'hour',
    });
    const sessions = await doc({
      generate_report: 'SupportSession',
      start_time: from - 2 * DAY,
      duration: 9 * DAY,
    });

    // Representative presence intervals, read from the session reports.
    const spans: { rep: string; join: number; leave: number }[] = [];
    for (const s of sessions.all('r:session')) {
      const end = Number(sessions.attrs('r:end_time', 'timestamp', s)[0] ?? NOW);
      const ownerGs = sessions.attrs('r:primary_rep', 'gsnumber', s)[0];
      for (const added of sessions.all(
        'r:session_details/r:event[@event_type="Conference Member Added"][r:performed_by/@type="representative"]',
        s,
      )) {
        const gs = sessions.attrs('r:performed_by', 'gsnumber', added)[0]!;
        const departed = sessions.all(
          `r:session_details/r:event[@event_type="Conference Member Departed"][r:performed_by/@gsnumber="${gs}"]`,
          s,
        )[0];
        const leave = departed ? Number(attr(departed, 'timestamp')) : gs === ownerGs ? end : end;
        spans.push({
          rep: dataOf(sessions, added).user_id!,
          join: Number(attr(added, 'timestamp')),
          leave,
        });
      }
    }
    const extended = world.reps.filter((r) => r.extendedAvailability).map((r) => String(r.id));
    const points = [...new Set([from, ...spans.flatMap((s) => [s.join, s.leave])])]
      .filter((t) => t >= from && t < to)
      .sort((a, b) => a - b);
    const expected = new Map<number, [number, number, number]>();
    for (const [i, t] of points.entries()) {
      const loggedIn = new Set(spans.filter((s) => s.join <= t && t < s.leave).map((s) => s.rep));
      const ea = extended.filter((id) => !loggedIn.has(id)).length;
      const total = loggedIn.size + ea;
      if (total * 10 < world.licenseCount * 9) continue;
      const segmentEnd = points[i + 1] ?? to;
      for (let hour = Math.floor(t / 3600) * 3600; hour < segmentEnd; hour += 3600) {
        const prev = expected.get(hour) ?? [0, 0, 0];
        expected.set(hour, [
          Math.max(prev[0], loggedIn.size),
          Math.max(prev[1], ea),
          Math.max(prev[2], total),
        ]);
      }
    }

    const got = new Map(
      usage
        .all('//r:license_time_interval')
        .map((i) => [
          Number(usage.attrs('r:start_time', 'timestamp', i)[0]),
          [
            Number(usage.text('r:logged_in_representatives', i)),
            Number(usage.text('r:extended_availability_representatives', i)),
            Number(usage.text('r:total_licenses_in_use', i)),
          ] as [number, number, number],
        ]),
    );
    expect(got.size).toBeGreaterThan(0);
    expect(got).toEqual(expected);
  });

  it('group_by=day and month cover the same peaks as the hours inside them', async () => {
    const from = Math.floor(NOW / DAY) * DAY - 7 * DAY;
    const params = { generate_report: 'LicenseUsage', start_time: from, duration: 7 * DAY };
    const hours = await doc({ ...params, group_by: 'hour' });
    const days = await doc({ ...params, group_by: 'day' });
    const dayOf = (t: number) => Math.floor(t / DAY) * DAY;
    const peakPerDay = new Map<number, number>();
    for (const i of hours.all('//r:license_time_interval')) {
      const day = dayOf(Number(hours.attrs('r:start_time', 'timestamp', i)[0]));
      peakPerDay.set(
        day,
        Math.max(peakPerDay.get(day) ?? 0, Number(hours.text('r:total_licenses_in_use', i))),
      );
    }
    const dayPeaks = new Map(
      days
        .all('//r:license_time_interval')
        .map((i) => [
          Number(days.attrs('r:start_time', 'timestamp', i)[0]),
          Number(days.text('r:total_licenses_in_use', i)),
        ]),
    );
    expect(dayPeaks).toEqual(peakPerDay);
    expect(isoDate(from)).toBe(days.text('r:start_time')!.slice(0, 10));
  });
});
