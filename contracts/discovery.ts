import type { DiscoveredValue } from './report-types.js';
import type { XmlAnswer } from './checks/document.js';
import { attr, child, children } from './xml.js';

/** How many lsids an `lsids` request names. */
const LSIDS_COUNT = 3;

/** What each discovered value is, in words, for the reason of a case skipped without it. */
export const DISCOVERED_VALUE_NAMES: Record<DiscoveredValue, string> = {
  lsid: 'an lsid',
  lsids: 'lsids',
  recordedLsid: 'an lsid of a session with a screen recording',
  smsLsid: 'an lsid of a session with a Show My Screen recording',
  shellLsid: 'an lsid of a session with a command shell recording',
  shellInstance: 'a command shell recording instance',
  presentationLsid: 'an lsid of a presentation session',
  presentationLsids: 'lsids of presentation sessions',
  presentationRecordedLsid: 'an lsid of a recorded presentation session',
  stateIndex: 'a state archive index',
  eventIndex: 'an event archive index',
};

/**
 * Values the matrix needs from the target's own data: lsids of sessions in the window, one with
 * a screen recording, one with a Show My Screen recording, a shell instance, archive indexes.
 * Filled from the answers as the matrix runs; a case whose value was never found is skipped.
 */
export class Discovery {
  private readonly values = new Map<DiscoveredValue, string>();

  get(key: DiscoveredValue): string | undefined {
    return this.values.get(key);
  }

  private offer(key: DiscoveredValue, value: string | undefined): void {
    if (value && !this.values.has(key)) this.values.set(key, value);
  }

  /** Learns from a data answer of a report type. */
  learn(reportType: string, answer: XmlAnswer): void {
    const root = answer.root;
    switch (reportType) {
      case 'SupportSessionListing':
      case 'AccessSessionListing':
        this.learnListing(children(root, 'session_summary'), 'lsid', 'lsids', 'recordedLsid');
        return;
      case 'PresentationSessionListing':
        this.learnListing(
          children(root, 'presentation_session_summary'),
          'presentationLsid',
          'presentationLsids',
          'presentationRecordedLsid',
        );
        return;
      case 'SupportSession':
      case 'AccessSession':
        // The window's own sessions serve the lsid sets when no listing ran (--report-types).
        this.learnLsids(children(root, 'session'), 'lsid', 'lsids');
        for (const s of children(root, 'session')) {
          const lsid = attr(s, 'lsid');
          if (child(s, 'session_recording_download_url')) this.offer('recordedLsid', lsid);
          if (child(s, 'show_my_screen_recording_download_url')) this.offer('smsLsid', lsid);
          const shell = child(s, 'command_shell_recordings');
          const recording = shell ? children(shell, 'command_shell_recording')[0] : undefined;
          if (recording && !this.values.has('shellLsid')) {
            this.offer('shellLsid', lsid);
            this.offer('shellInstance', attr(recording, 'instance'));
          }
        }
        return;
      case 'PresentationSession':
        this.learnLsids(
          children(root, 'presentation_session'),
          'presentationLsid',
          'presentationLsids',
        );
        for (const s of children(root, 'presentation_session')) {
          if (child(s, 'session_recording_download_url'))
            this.offer('presentationRecordedLsid', attr(s, 'lsid'));
        }
        return;
      case 'ArchiveListing':
        this.offer(
          'stateIndex',
          child(children(root, 'state_archive')[0] ?? root, 'index')
            ?.text()
            .trim(),
        );
        this.offer(
          'eventIndex',
          child(children(root, 'event_archive')[0] ?? root, 'index')
            ?.text()
            .trim(),
        );
        return;
    }
  }

  /** One lsid for the `lsid` set and the first few for the `lsids` set. */
  private learnLsids(
    items: ReturnType<typeof children>,
    one: DiscoveredValue,
    many: DiscoveredValue,
  ): void {
    const lsids = items.map((el) => attr(el, 'lsid')).filter((l): l is string => !!l);
    this.offer(one, lsids[0]);
    if (lsids.length > 0) this.offer(many, lsids.slice(0, LSIDS_COUNT).join(','));
  }

  private learnListing(
    items: ReturnType<typeof children>,
    one: DiscoveredValue,
    many: DiscoveredValue,
    recorded: DiscoveredValue,
  ): void {
    this.learnLsids(items, one, many);
    this.offer(
      recorded,
      items
        .find((el) => attr(el, 'has_recording') === '1')
        ?.attr('lsid')
        ?.value(),
    );
  }
}
