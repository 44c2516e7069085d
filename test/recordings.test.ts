import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applianceMessage } from '../server/errors.js';
import { readFlv } from './flv-reader.js';
import { NOW, testMock, type TestMock } from './helpers.js';
import { fixtures, isoDate, type Fixtures } from './world-fixtures.js';
import { Doc } from './xml-query.js';

let mock: TestMock;
let f: Fixtures;

beforeAll(async () => {
  mock = await testMock();
  f = fixtures(mock.state.world, NOW);
});
afterAll(() => mock.close());

/** Fetches an absolute URL the mock handed out through inject(), path and query only. */
async function fetchUrl(url: string) {
  const u = new URL(url);
  return mock.app.inject({ method: 'GET', url: `${u.pathname}${u.search}` });
}

describe('recording files', () => {
  it('a session recording is a valid FLV: header, metadata naming the session, Screen Video key frames', async () => {
    const res = await mock.report({
      generate_report: 'SupportSessionRecording',
      lsid: f.recorded.lsid,
    });
    const flv = readFlv(res.rawPayload);
    expect(flv.version).toBe(1);
    expect(flv.hasVideo).toBe(true);
    expect(flv.hasAudio).toBe(false);
    expect(flv.metadata.lsid).toBe(f.recorded.lsid);
    expect(flv.metadata.recording).toBe('srec');
    expect(flv.frames.length).toBeGreaterThan(0);
    for (const frame of flv.frames) {
      expect(frame).toMatchObject({ keyFrame: true, codec: 3 });
      expect(frame.pixels).toBe(frame.width * frame.height);
      expect(frame.width).toBe(flv.metadata.width);
    }
  });

  it('each shell instance has its own file, and the same request gives the same bytes', async () => {
    const zero = await mock.report({
      generate_report: 'CommandShellRecording',
      lsid: f.shells.lsid,
    });
    const one = await mock.report({
      generate_report: 'CommandShellRecording',
      lsid: f.shells.lsid,
      instance: 1,
    });
    const again = await mock.report({
      generate_report: 'CommandShellRecording',
      lsid: f.shells.lsid,
      instance: 1,
    });
    expect(readFlv(zero.rawPayload).metadata.instance).toBe(0);
    expect(readFlv(one.rawPayload).metadata.instance).toBe(1);
    expect(one.rawPayload.equals(again.rawPayload)).toBe(true);
    expect(zero.rawPayload.equals(one.rawPayload)).toBe(false);
  });

  it('a session that is still running has no recording yet, and never sends a media body', async () => {
    const midway = await testMock({
      now: f.recorded.start + Math.floor((f.recorded.plannedEnd - f.recorded.start) / 2),
    });
    try {
      const res = await midway.report({
        generate_report: 'SupportSessionRecording',
        lsid: f.recorded.lsid,
      });
      expect(res.headers['content-type']).toBe('text/xml; charset=UTF-8');
      expect(res.body).toContain(applianceMessage('NO_RECORDING', 'en'));
    } finally {
      await midway.close();
    }
  });
});

describe('download URLs of the session reports lead to files', () => {
  it('every chat and recording URL of a day of SupportSession resolves, and recordings equal the report files', async () => {
    const res = await mock.report({
      generate_report: 'SupportSession',
      start_date: isoDate(f.session.start),
      duration: 1,
    });
    const doc = new Doc(res.body);
    let recordings = 0;
    for (const session of doc.all('/r:session_list/r:session')) {
      const lsid = session.attr('lsid')!.value();
      const chat = doc.text('r:session_chat_download_url', session);
      if (chat === undefined) continue;
      const transcript = await fetchUrl(chat);
      expect(transcript.statusCode).toBe(200);
      expect(transcript.headers['content-type']).toBe('text/plain; charset=UTF-8');
      expect(transcript.headers['content-disposition']).toBe(
        `attachment; filename="${lsid}_chat.txt"`,
      );
      expect(transcript.body).toContain(lsid);
      for (const body of doc.all(
        'r:session_details/r:event[@event_type="Chat Message"]/r:body',
        session,
      )) {
        const firstLine = body.text().split('\n')[0]!.trim();
        if (firstLine) expect(transcript.body).toContain(firstLine);
      }
      expect(
        (await fetchUrl(doc.text('r:session_chat_view_url', session)!)).headers[
          'content-disposition'
        ],
      ).toMatch(/^inline;/);

      const recording = doc.text('r:session_recording_download_url', session);
      if (recording) {
        const file = await fetchUrl(recording);
        const report = await mock.report({ generate_report: 'SupportSessionRecording', lsid });
        expect(file.headers['content-type']).toBe('video/x-flv');
        expect(file.rawPayload.equals(report.rawPayload)).toBe(true);
        recordings++;
      }
      for (const shell of doc.all(
        'r:command_shell_recordings/r:command_shell_recording',
        session,
      )) {
        const file = await fetchUrl(doc.text('r:download_url', shell)!);
        expect(readFlv(file.rawPayload).metadata.instance).toBe(
          Number(shell.attr('instance')!.value()),
        );
      }
    }
    expect(recordings).toBeGreaterThan(0);
  });

  it('presentation chat and recording URLs resolve to the presentation files', async () => {
    const res = await mock.report({
      generate_report: 'PresentationSession',
      lsid: f.presentation.lsid,
    });
    const doc = new Doc(res.body);
    const recording = await fetchUrl(doc.text('//r:session_recording_download_url')!);
    const report = await mock.report({
      generate_report: 'PresentationSessionRecording',
      lsid: f.presentation.lsid,
    });
    expect(recording.rawPayload.equals(report.rawPayload)).toBe(true);
    const chat = await fetchUrl(doc.text('//r:session_chat_download_url')!);
    expect(chat.body).toContain(f.presentation.lsid);
  });

  it('a URL whose hash does not match, or that names another kind, gets the 404 page', async () => {
    const res = await mock.report({ generate_report: 'SupportSession', lsid: f.recorded.lsid });
    const url = new Doc(res.body).text('//r:session_recording_download_url')!;
    const tampered = url.replace(
      /h%3D([0-9a-f])/,
      (_, c: string) => `h%3D${c === '0' ? '1' : '0'}`,
    );
    for (const bad of [
      tampered,
      url.replace(/m%3Dsrec/, 'm%3Dsmsrec').replace('dl_action=srec', 'dl_action=smsrec'),
      url.replace('dl_action=srec', 'dl_action=chat'),
    ]) {
      const answer = await fetchUrl(bad);
      expect(answer.statusCode).toBe(404);
      expect(answer.headers['content-type']).toBe('text/html; charset=UTF-8');
    }
  });
});
