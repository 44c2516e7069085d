import { afterEach, describe, expect, it } from 'vitest';
import { endAt, isVisible, pinSession, sessionsOfDay } from '../generators/sessions.js';
import { attributeValues, NOW, NS, testMock, type TestMock } from './helpers.js';

let mock: TestMock;
afterEach(() => mock?.close());

const DAY = 86_400;

/** Sessions of the world ending in [from, to), found by a plain scan independent of the server. */
function endingBetween(m: TestMock, from: number, to: number): string[] {
  const found: { lsid: string; end: number; lseq: number }[] = [];
  for (let d = Math.floor(from / DAY) - 2; d <= Math.floor(to / DAY); d++) {
    for (const s of sessionsOfDay(m.state.world, d)) {
      const end = endAt(s, NOW);
      if (end !== null && isVisible(s, NOW) && end >= from && end < to)
        found.push({ lsid: s.lsid, end, lseq: s.lseq });
    }
  }
  return found.sort((a, b) => a.end - b.end || a.lseq - b.lseq).map((s) => s.lsid);
}

function lsids(xml: string): string[] {
  return attributeValues(xml, 'session_summary', 'lsid');
}

describe('time windows', () => {
  it('includes every session sharing the lower bound second: end_time is inclusive with one-second resolution', async () => {
    mock = await testMock();
    const T = NOW - 7200;
    const a = pinSession(mock.state.world, { start: T - 600, plannedEnd: T });
    const b = pinSession(mock.state.world, { start: T - 300, plannedEnd: T });
    const c = pinSession(mock.state.world, { start: T - 100, plannedEnd: T + 1 });
    const atT = lsids(
      (await mock.report({ generate_report: 'SupportSessionListing', end_time: T, duration: 0 }))
        .body,
    );
    expect(atT).toEqual(expect.arrayContaining([a.lsid, b.lsid, c.lsid]));
    expect(atT).toEqual(endingBetween(mock, T, NOW + 1));
    const afterT = lsids(
      (
        await mock.report({
          generate_report: 'SupportSessionListing',
          end_time: T + 1,
          duration: 0,
        })
      ).body,
    );
    expect(afterT).not.toContain(a.lsid);
    expect(afterT).not.toContain(b.lsid);
    expect(afterT).toContain(c.lsid);
  });

  it('excludes the upper bound: a session ending at anchor + duration is in the next window', async () => {
    mock = await testMock();
    const T = NOW - 5000;
    const edge = pinSession(mock.state.world, { start: T - 50, plannedEnd: T + 100 });
    const first = lsids(
      (await mock.report({ generate_report: 'SupportSessionListing', end_time: T, duration: 100 }))
        .body,
    );
    const next = lsids(
      (
        await mock.report({
          generate_report: 'SupportSessionListing',
          end_time: T + 100,
          duration: 100,
        })
      ).body,
    );
    expect(first).not.toContain(edge.lsid);
    expect(next).toContain(edge.lsid);
  });

  it('returns a day of closed sessions ordered by end time then lseq, as a scan of the world finds them', async () => {
    mock = await testMock();
    const from = NOW - 2 * DAY;
    const res = await mock.report({
      generate_report: 'SupportSessionListing',
      end_time: from,
      duration: DAY,
    });
    expect(lsids(res.body)).toEqual(endingBetween(mock, from, from + DAY));
  });

  it('lists a running session under start_* with an empty end_time, never under end_*', async () => {
    mock = await testMock();
    const S = NOW - 100;
    const running = pinSession(mock.state.world, { start: S, plannedEnd: NOW + 1000 });
    const detail = await mock.report({
      generate_report: 'SupportSession',
      start_time: S,
      duration: 0,
    });
    expect(detail.body).toContain(`<session lsid="${running.lsid}">`);
    const own = detail.body.slice(detail.body.indexOf(`<session lsid="${running.lsid}">`));
    expect(own.slice(0, own.indexOf('</session>'))).toContain('<end_time></end_time>');
    for (const report of ['SupportSession', 'SupportSessionListing']) {
      const res = await mock.report({ generate_report: report, end_time: S, duration: 0 });
      expect(res.body).not.toContain(running.lsid);
    }
  });

  it('answers an anchor in the future with the Support no-data error', async () => {
    mock = await testMock();
    for (const report of ['SupportSession', 'SupportSessionListing']) {
      const res = await mock.report({
        generate_report: report,
        start_time: NOW + 3600,
        duration: 0,
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(
        `<error xmlns="${NS}">No Support report information matching your chosen criteria is available.</error>`,
      );
    }
    const summary = await mock.report({
      generate_report: 'SupportSessionSummary',
      start_time: NOW + 3600,
      duration: 0,
      report_type: 'rep',
    });
    expect(summary.body).toContain(
      'No Support report information matching your chosen criteria is available.',
    );
  });

  it('counts *_date days from midnight in the site time zone', async () => {
    mock = await testMock({ settings: { siteTz: 'America/Chicago' } });
    // 2025-11-20 23:30 in Chicago (UTC-6) is 2025-11-21 05:30 UTC.
    const end = Date.UTC(2025, 10, 21, 5, 30) / 1000;
    const s = pinSession(mock.state.world, { start: end - 1200, plannedEnd: end });
    const sameDay = await mock.report({
      generate_report: 'SupportSessionListing',
      end_date: '2025-11-20',
      duration: 1,
    });
    const nextDay = await mock.report({
      generate_report: 'SupportSessionListing',
      end_date: '2025-11-21',
      duration: 1,
    });
    const utcDay = await mock.report({
      generate_report: 'SupportSessionListing',
      end_time: Date.UTC(2025, 10, 20) / 1000,
      duration: DAY,
    });
    expect(lsids(sameDay.body)).toContain(s.lsid);
    expect(lsids(nextDay.body)).not.toContain(s.lsid);
    expect(lsids(utcDay.body)).not.toContain(s.lsid);
    expect(lsids(sameDay.body)).toEqual(
      endingBetween(mock, Date.UTC(2025, 10, 20, 6) / 1000, Date.UTC(2025, 10, 21, 6) / 1000),
    );
  });

  it('writes date-time text with the site offset next to the UNIX timestamp attribute', async () => {
    mock = await testMock({ settings: { siteTz: 'America/Chicago' } });
    const s = pinSession(mock.state.world, { start: 1733239565, plannedEnd: 1733239565 + 900 });
    const res = await mock.report({ generate_report: 'SupportSession', lsid: s.lsid });
    expect(res.body).toContain(
      '<start_time timestamp="1733239565">2024-12-03T09:26:05-06:00</start_time>',
    );
    await mock.close();
    mock = await testMock();
    const utc = pinSession(mock.state.world, { start: 1733239565, plannedEnd: 1733239565 + 900 });
    const plain = await mock.report({ generate_report: 'SupportSession', lsid: utc.lsid });
    expect(plain.body).toContain(
      '<start_time timestamp="1733239565">2024-12-03T15:26:05+00:00</start_time>',
    );
  });

  it('writes every timestamp attribute as integer UNIX seconds', async () => {
    mock = await testMock();
    const res = await mock.report({
      generate_report: 'SupportSession',
      start_time: NOW - DAY,
      duration: 0,
    });
    const stamps = [...res.body.matchAll(/ timestamp="([^"]*)"/g)].map((m) => m[1]);
    expect(stamps.length).toBeGreaterThan(20);
    for (const t of stamps) expect(t).toMatch(/^[0-9]+$/);
  });
});

describe('parameter sets and their errors', () => {
  it('rejects an ISO start_time and an ISO duration instead of returning nothing', async () => {
    mock = await testMock();
    const iso = await mock.report({
      generate_report: 'SupportSession',
      start_time: '2025-09-18T19:12:20Z',
      duration: 0,
    });
    expect(iso.body).toContain('>Invalid value for parameter start_time.</error>');
    const p30d = await mock.report({
      generate_report: 'SupportSession',
      start_date: '2025-01-01',
      duration: 'P30D',
    });
    expect(p30d.body).toContain('>Invalid value for parameter duration.</error>');
    // Years 1–99 are calendar years (not 1900–1999): a valid date before the world began.
    const early = await mock.report({
      generate_report: 'SupportSession',
      start_date: '0001-01-01',
      duration: 1,
    });
    expect(early.body).toContain('No Support report information matching');
    const badDate = await mock.report({
      generate_report: 'SupportSession',
      start_date: '2025-02-30',
      duration: 1,
    });
    expect(badDate.body).toContain('>Invalid value for parameter start_date.</error>');
    const negative = await mock.report({
      generate_report: 'SupportSession',
      end_time: '-5',
      duration: 1,
    });
    expect(negative.body).toContain('>Invalid value for parameter end_time.</error>');
  });

  it('asks for duration when an anchor comes alone', async () => {
    mock = await testMock();
    const res = await mock.report({ generate_report: 'SupportSession', start_time: NOW });
    expect(res.body).toContain('>Missing required parameter: duration.</error>');
  });

  it('lists the accepted parameter sets of each report when none is given', async () => {
    mock = await testMock();
    const detail = await mock.report({ generate_report: 'SupportSession' });
    expect(detail.body).toContain(
      '>One of start_date, start_time, end_date, end_time, lsid or lsids must be specified.</error>',
    );
    const listing = await mock.report({
      generate_report: 'SupportSessionListing',
      lsid: 'f'.repeat(32),
    });
    expect(listing.body).toContain(
      '>One of start_date, start_time, end_date or end_time must be specified.</error>',
    );
  });

  it('asks for report_type on the summary and rejects values outside rep, team and site', async () => {
    mock = await testMock();
    const missing = await mock.report({
      generate_report: 'SupportSessionSummary',
      start_time: NOW - DAY,
      duration: 0,
    });
    expect(missing.body).toContain('>Missing required parameter: report_type.</error>');
    const wrong = await mock.report({
      generate_report: 'SupportSessionSummary',
      start_time: NOW - DAY,
      duration: 0,
      report_type: 'Rep',
    });
    expect(wrong.body).toContain('>Invalid value for parameter report_type.</error>');
  });

  it('answers an unknown lsid with Invalid lsid. and skips unknown ids inside lsids', async () => {
    mock = await testMock();
    const unknown = await mock.report({
      generate_report: 'SupportSession',
      lsid: 'ffffffffffffffffffffffffffffffff',
    });
    expect(unknown.body).toContain(`<error xmlns="${NS}">Invalid lsid.</error>`);
    const malformed = await mock.report({ generate_report: 'SupportSession', lsid: 'not-an-lsid' });
    expect(malformed.body).toContain('>Invalid lsid.</error>');
    const known = lsids(
      (
        await mock.report({
          generate_report: 'SupportSessionListing',
          end_time: NOW - DAY,
          duration: DAY,
        })
      ).body,
    ).slice(0, 2);
    const mixed = await mock.report({
      generate_report: 'SupportSession',
      lsids: ` ${known[0]} ,ffffffffffffffffffffffffffffffff,${known[1]}`,
    });
    expect(attributeValues(mixed.body, 'session', 'lsid')).toEqual(known);
    const none = await mock.report({
      generate_report: 'SupportSession',
      lsids: 'ffffffffffffffffffffffffffffffff,',
    });
    expect(none.body).toContain('>Invalid lsid.</error>');
  });

  it('does not know a session before it starts, even by lsid', async () => {
    mock = await testMock();
    const future = pinSession(mock.state.world, { start: NOW + 60, plannedEnd: NOW + 600 });
    const res = await mock.report({ generate_report: 'SupportSession', lsid: future.lsid });
    expect(res.body).toContain('>Invalid lsid.</error>');
    mock.state.clock.advance(61);
    const later = await mock.report({ generate_report: 'SupportSession', lsid: future.lsid });
    expect(later.body).toContain(`<session lsid="${future.lsid}">`);
  });
});
