import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applianceMessage } from '../server/errors.js';
import { NOW, testMock, type TestMock } from './helpers.js';
import { fixtures, type Fixtures } from './world-fixtures.js';
import { Doc } from './xml-query.js';

let f: Fixtures;
let mock: TestMock;
beforeAll(async () => {
  mock = await testMock();
  f = fixtures(mock.state.world, NOW);
});
afterAll(() => mock.close());

describe('edges of the new report types', () => {
  it('a running presentation has an empty end_time, no URLs and only past events', async () => {
    const at = f.presentation.start + 120;
    const running = await testMock({ now: at });
    try {
      const doc = new Doc(
        (
          await running.report({
            generate_report: 'PresentationSession',
            lsid: f.presentation.lsid,
          })
        ).body,
      );
      expect(doc.text('//r:end_time')).toBe('');
      expect(doc.all('//r:end_time')[0]!.attr('timestamp')).toBeNull();
      expect(doc.all('//r:session_chat_download_url')).toHaveLength(0);
      for (const t of doc.attrs('//r:event', 'timestamp'))
        expect(Number(t)).toBeLessThanOrEqual(at);
      const listing = await running.report({
        generate_report: 'PresentationSessionRecording',
        lsid: f.presentation.lsid,
      });
      expect(listing.body).toContain(applianceMessage('NO_RECORDING', 'en'));
    } finally {
      await running.close();
    }
  });

  it('SupportTeam with empty_result=empty_list keeps the window and has no team', async () => {
    const empty = await testMock({ settings: { emptyResult: 'empty_list' } });
    try {
      const res = await empty.report({
        generate_report: 'SupportTeam',
        start_time: NOW + 3600,
        duration: 60,
      });
      const doc = new Doc(res.body);
      expect(doc.rootName).toBe('team_activity_list');
      expect(doc.attrs('r:start_time', 'timestamp')).toEqual([String(NOW + 3600)]);
      expect(doc.all('r:team_activity')).toHaveLength(0);
    } finally {
      await empty.close();
    }
  });

  it('no-data answers are localised for the team and presentation reports', async () => {
    const fr = await testMock({ settings: { locale: 'fr' } });
    try {
      const future = { start_time: NOW + 3600, duration: 0 };
      const team = await fr.report({ generate_report: 'SupportTeam', ...future });
      const pres = await fr.report({ generate_report: 'PresentationSessionListing', ...future });
      expect(new Doc(team.body).root.text()).toBe(applianceMessage('NO_DATA_TEAM', 'fr'));
      expect(new Doc(pres.body).root.text()).toBe(applianceMessage('NO_DATA_PRESENTATION', 'fr'));
    } finally {
      await fr.close();
    }
  });

  it('LicenseUsage with no peak in the window is a normal document with empty intervals', async () => {
    const res = await mock.report({
      generate_report: 'LicenseUsage',
      start_time: NOW + 60,
      duration: 3600,
      group_by: 'hour',
    });
    const doc = new Doc(res.body);
    expect(doc.rootName).toBe('license_usage');
    expect(doc.all('r:license_time_intervals/*')).toHaveLength(0);
    expect(doc.text('r:group_by')).toBe('hour');
  });

  it('survey filters by team keep only sessions whose primary representative is in the team', async () => {
    const rep = mock.state.world.reps[f.repSurvey.primaryRepId! - 1]!;
    const other = mock.state.world.teams.find((t) => !rep.teamIds.includes(t.id))!;
    const window = { start_time: f.repSurvey.start, duration: 1, report_type: 'team' };
    const mine = new Doc(
      (
        await mock.report({
          generate_report: 'SupportRepExitSurvey',
          ...window,
          id: rep.teamIds[0]!,
        })
      ).body,
    );
    expect(mine.attrs('r:exit_survey', 'lsid')).toContain(f.repSurvey.lsid);
    const theirs = await mock.report({
      generate_report: 'SupportRepExitSurvey',
      ...window,
      id: other.id,
    });
    expect(theirs.body).not.toContain(f.repSurvey.lsid);
  });
});
