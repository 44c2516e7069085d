import type {
  AttendeeEntry,
  PresentationDetail,
  PresenterEntry,
} from '../../generators/presentation-detail.js';
import { hms } from '../../generators/time.js';
import type { Builder } from '../xml/layout.js';
import { clean, eventElement, optionalText, timeElement, urlPair } from './session-xml.js';


function presenterElement(parent: Builder, p: PresenterEntry): void {
  const el = parent.ele('presenter', { id: String(p.id), gsnumber: String(p.gsnumber) });
  el.ele('username').txt(clean(p.username));
  el.ele('display_name').txt(clean(p.displayName));
  optionalText(el, 'public_display_name', p.publicDisplayName);
  optionalText(el, 'private_display_name', p.privateDisplayName);
  optionalText(el, 'public_ip', p.publicIp);
  optionalText(el, 'private_ip', p.privateIp);
  optionalText(el, 'hostname', p.hostname);
  optionalText(el, 'os', p.os);
  el.ele('session_owner').txt(p.sessionOwner ? '1' : '0');
  el.ele('seconds_involved').txt(String(p.secondsInvolved));
}

function attendeeElement(parent: Builder, a: AttendeeEntry): void {
  const el = parent.ele('attendee', { gsnumber: String(a.gsnumber) });
  el.ele('username').txt(clean(a.username));
  optionalText(el, 'public_ip', a.publicIp);
  optionalText(el, 'private_ip', a.privateIp);
  optionalText(el, 'hostname', a.hostname);
  optionalText(el, 'os', a.os);
  el.ele('seconds_involved').txt(String(a.secondsInvolved));
}

/** The `presentation_session` element (spec §17), children in the mock's order. */
export function presentationElement(parent: Builder, d: PresentationDetail, tz: string): void {
  const s = parent.ele('presentation_session', { lsid: d.lsid });
  s.ele('lseq').txt(String(d.lseq));
  timeElement(s, 'start_time', d.start, tz);
  timeElement(s, 'end_time', d.end, tz);
  s.ele('duration').txt(hms(d.durationSeconds));
  s.ele('public_site', { id: String(d.site.id) }).txt(clean(d.site.name));
  urlPair(s, 'session_chat', d.chatUrls);
  urlPair(s, 'session_recording', d.recordingUrls);
  const p = d.primaryPresenter;
  s.ele('primary_presenter', { id: String(p.id), gsnumber: String(p.gsnumber) }).txt(clean(p.name));
  const presenters = s.ele('presenter_list');
  for (const x of d.presenters) presenterElement(presenters, x);
  const attendees = s.ele('attendee_list');
  for (const a of d.attendees) attendeeElement(attendees, a);
  const details = s.ele('session_details');
  for (const e of d.events) eventElement(details, e);
}
