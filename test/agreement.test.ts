import libxml, { type Element } from 'libxmljs2';
import { describe, expect, it } from 'vitest';
import { NOW, NS, testMock } from './helpers.js';

const DAY = 86_400;
const SEEDS = [1, 2, 3, 4, 5];
const ns = { r: NS };

function parse(xml: string) {
  return libxml.parseXml(xml, { nonet: true });
}

function seconds(hms: string): number {
  const [h, m, s] = hms.split(':').map(Number);
  return h! * 3600 + m! * 60 + s!;
}

const text = (el: Element, path: string) => el.get<Element>(path, ns)?.text() ?? null;
const attr = (el: Element, name: string) => el.attr(name)?.value() ?? null;

describe.each(SEEDS)('listing, detail and summary of one window (seed %i)', (seed) => {
  it('agree with one another', async () => {
    const mock = await testMock({ seed });
    const windowParams = { end_time: NOW - 3 * DAY, duration: 2 * DAY };
    const listing = parse(
      (await mock.report({ generate_report: 'SupportSessionListing', ...windowParams })).body,
    );
    const detail = parse(
      (await mock.report({ generate_report: 'SupportSession', ...windowParams })).body,
    );

    const items = listing.find<Element>('/r:session_summary_list/r:session_summary', ns);
    const sessions = detail.find<Element>('/r:session_list/r:session', ns);
    expect(items.length).toBeGreaterThan(10);
    expect(items.map((i) => attr(i, 'lsid'))).toEqual(sessions.map((s) => attr(s, 'lsid')));

    sessions.forEach((s, i) => {
      const item = items[i]!;
      const key = text(s, 'r:external_key') ?? '';
      expect(attr(item, 'external_key')).toBe(key === '' ? null : key);
      const recorded = s.get('r:session_recording_download_url', ns) != null;
      expect(attr(item, 'has_recording'), attr(s, 'lsid')!).toBe(recorded ? '1' : '0');
      const end = Number(s.get<Element>('r:end_time', ns)!.attr('timestamp')!.value());
      expect(end).toBeGreaterThanOrEqual(windowParams.end_time);
      expect(end).toBeLessThan(windowParams.end_time + windowParams.duration);
    });

    // Summary by rep, team and site, recomputed from the detail documents.
    const expected = {
      rep: new Map<string, [number, number]>(),
      team: new Map<string, [number, number]>(),
      site: new Map<string, [number, number]>(),
    };
    const bump = (map: Map<string, [number, number]>, id: string, secs: number) => {
      const [count, total] = map.get(id) ?? [0, 0];
      map.set(id, [count + 1, total + secs]);
    };
    for (const s of sessions) {
      const secs = seconds(text(s, 'r:duration')!);
      bump(expected.site, attr(s.get<Element>('r:public_site', ns)!, 'id')!, secs);
      const primary = s.get<Element>('r:primary_rep', ns);
      if (!primary) continue;
      const repId = attr(primary, 'id')!;
      bump(expected.rep, repId, secs);
      for (const teamId of mock.state.world.reps[Number(repId) - 1]!.teamIds)
        bump(expected.team, String(teamId), secs);
    }
    for (const reportType of ['rep', 'team', 'site'] as const) {
      const summary = parse(
        (
          await mock.report({
            generate_report: 'SupportSessionSummary',
            report_type: reportType,
            ...windowParams,
          })
        ).body,
      );
      const got = new Map(
        summary
          .find<Element>('/r:summary_list/r:summary', ns)
          .map((el) => [
            attr(el, 'id')!,
            [Number(text(el, 'r:session_count')), seconds(text(el, 'r:total_duration')!)] as [
              number,
              number,
            ],
          ]),
      );
      expect(got, reportType).toEqual(expected[reportType]);
    }
    await mock.close();
  });
});

describe('sessions requested by lsid', () => {
  it('are the same documents as in the window they belong to', async () => {
    const mock = await testMock({ seed: 3 });
    const window = parse(
      (
        await mock.report({
          generate_report: 'SupportSession',
          start_time: NOW - DAY,
          duration: DAY,
        })
      ).body,
    );
    const sessions = window.find<Element>('/r:session_list/r:session', ns).slice(0, 5);
    for (const s of sessions) {
      const one = parse(
        (await mock.report({ generate_report: 'SupportSession', lsid: attr(s, 'lsid')! })).body,
      );
      expect(one.get<Element>('/r:session_list/r:session', ns)!.toString()).toBe(s.toString());
    }
    await mock.close();
  });
});
