import type {
  Actor,
  CustomerEntry,
  RepEntry,
  SessionDetail,
  SessionEvent,
} from '../../generators/detail-types.js';
import type { Product } from '../../generators/product.js';
import { hms, isoTime } from '../../generators/time.js';
import { stripForbidden, type Builder } from '../xml/layout.js';

/** Writes text with the characters XML 1.0 forbids removed (spec §1.5). */
export const clean = (value: string | number): string => stripForbidden(String(value));
const flag = (value: boolean) => (value ? '1' : '0');

export function timeElement(parent: Builder, name: string, epoch: number | null, tz: string): void {
  if (epoch === null) {
    parent.ele(name);
    return;
  }
  parent.ele(name, { timestamp: String(epoch) }).txt(isoTime(epoch, tz));
}

function actor(parent: Builder, name: string, a: Actor): void {
  parent.ele(name, { type: a.type, gsnumber: String(a.gsnumber) }).txt(clean(a.name));
}

/** Writes the element only when the value exists (optional elements are absent, spec §1.6). */
export function optionalText(parent: Builder, name: string, value: string | undefined): void {
  if (value !== undefined) parent.ele(name).txt(clean(value));
}

export function customerElement(parent: Builder, c: CustomerEntry): void {
  const el = parent.ele('customer', { gsnumber: String(c.gsnumber) });
  el.ele('username').txt(clean(c.username));
  optionalText(el, 'public_ip', c.publicIp);
  optionalText(el, 'private_ip', c.privateIp);
  optionalText(el, 'hostname', c.hostname);
  optionalText(el, 'os', c.os);
  if (c.primaryCust !== undefined) el.ele('primary_cust').txt(flag(c.primaryCust));
  if (c.info) {
    const info = el.ele('info');
    optionalText(info, 'name', c.info.name);
    optionalText(info, 'company', c.info.company);
    optionalText(info, 'company_code', c.info.companyCode);
    optionalText(info, 'issue', c.info.issue);
    optionalText(info, 'details', c.info.details);
  }
}

export function representativeElement(parent: Builder, r: RepEntry): void {
  const el = parent.ele('representative', { gsnumber: String(r.gsnumber), id: String(r.id) });
  el.ele('username').txt(clean(r.username));
  el.ele('display_name').txt(clean(r.displayName));
  optionalText(el, 'public_display_name', r.publicDisplayName);
  optionalText(el, 'private_display_name', r.privateDisplayName);
  optionalText(el, 'public_ip', r.publicIp);
  optionalText(el, 'private_ip', r.privateIp);
  optionalText(el, 'hostname', r.hostname);
  optionalText(el, 'os', r.os);
  el.ele('session_owner').txt(flag(r.sessionOwner));
  if (r.primaryRep !== undefined) el.ele('primary_rep').txt(flag(r.primaryRep));
  el.ele('seconds_involved').txt(String(r.secondsInvolved));
  if (r.invited) el.ele('invited').txt('1');
}

export function eventElement(parent: Builder, e: SessionEvent, legacyFieldIds = false): void {
  const el = parent.ele('event', { timestamp: String(e.timestamp), event_type: e.eventType });
  if (e.performedBy) actor(el, 'performed_by', e.performedBy);
  if (e.destination) actor(el, 'destination', e.destination);
  if (e.data && e.data.length > 0) {
    const data = el.ele('data');
    for (const [name, value] of e.data) data.ele('value', { name: clean(name), value: clean(value) });
  }
  if (e.body !== undefined) el.ele('body').txt(clean(e.body));
  if (e.encodedBody !== undefined) el.ele('encoded_body').txt(e.encodedBody);
  optionalText(el, 'filename', e.filename);
  if (e.filesize !== undefined) el.ele('filesize').txt(String(e.filesize));
  if (e.files) {
    const files = el.ele('files');
    for (const f of e.files) {
      const file = files.ele('file');
      file.ele('filename').txt(clean(f.filename));
      file.ele('filesize').txt(String(f.filesize));
    }
  }
  if (e.systemInformation) {
    const key = legacyFieldIds ? 'id' : 'name';
    const info = el.ele('system_information');
    for (const category of e.systemInformation) {
      const cat = info.ele('category', { name: category.name });
      const description = cat.ele('description');
      for (const column of category.columns) description.ele('field', { [key]: column }).txt(column);
      const data = cat.ele('data');
      for (const row of category.rows) {
        const r = data.ele('row');
        row.forEach((value, i) => r.ele('field', { [key]: category.columns[i] ?? String(i) }).txt(clean(value)));
      }
    }
  }
}

/** The `<prefix>_view_url` and `<prefix>_download_url` pair, when the URLs exist. */
export function urlPair(parent: Builder, prefix: string, pair: { view: string; download: string } | undefined): void {
  if (!pair) return;
  parent.ele(`${prefix}_view_url`).txt(pair.view);
  parent.ele(`${prefix}_download_url`).txt(pair.download);
}

/**
 * The `session` element of SupportSession (spec §11.2), children in the mock's order. A PRA
 * appliance writes the same element without `public_site` (spec Appendix A); its sessions carry
 * no customer info and no surveys to begin with.
 */
export function sessionElement(
  parent: Builder,
  d: SessionDetail,
  tz: string,
  legacy = false,
  product: Product = 'rs',
): void {
  const s = parent.ele('session', { lsid: d.lsid });
  s.ele('session_type').txt('support');
  s.ele('lseq').txt(String(d.lseq));
  timeElement(s, 'start_time', d.start, tz);
  timeElement(s, 'end_time', d.end, tz);
  s.ele('duration').txt(hms(d.durationSeconds));
  if (product === 'rs') s.ele('public_site', { id: String(d.site.id) }).txt(clean(d.site.name));
  s.ele('external_key').txt(clean(d.externalKey));
  const attrs = s.ele('custom_attributes');
  for (const a of d.customAttributes) {
    attrs.ele('custom_attribute', { code_name: a.codeName, display_name: a.displayName }).txt(clean(a.value));
  }
  urlPair(s, 'session_chat', d.chatUrls);
  urlPair(s, 'session_recording', d.recordingUrls);
  urlPair(s, 'show_my_screen_recording', d.showMyScreenUrls);
  if (d.shellRecordings.length > 0) {
    const shells = s.ele('command_shell_recordings');
    for (const r of d.shellRecordings) {
      const rec = shells.ele('command_shell_recording', { instance: String(r.instance) });
      rec.ele('download_url').txt(r.download);
      rec.ele('view_url').txt(r.view);
    }
  }
  s.ele('file_transfer_count').txt(String(d.fileTransferCount));
  s.ele('file_move_count').txt(String(d.fileMoveCount));
  s.ele('file_delete_count').txt(String(d.fileDeleteCount));
  s.ele('primary_customer', { gsnumber: String(d.primaryCustomer.gsnumber) }).txt(clean(d.primaryCustomer.name));
  if (d.jumpoint) s.ele('jumpoint', { id: String(d.jumpoint.id) }).txt(clean(d.jumpoint.name));
  if (d.jumpGroup) {
    s.ele('jump_group', { type: d.jumpGroup.type, id: String(d.jumpGroup.id) }).txt(clean(d.jumpGroup.name));
  }
  if (d.primaryRep) {
    s.ele('primary_rep', { gsnumber: String(d.primaryRep.gsnumber), id: String(d.primaryRep.id) }).txt(clean(d.primaryRep.name));
  }
  const customers = s.ele('customer_list');
  for (const c of d.customers) customerElement(customers, c);
  const reps = s.ele('rep_list');
  for (const r of d.reps) representativeElement(reps, r);
  const details = s.ele('session_details');
  for (const e of d.events) eventElement(details, e, legacy);

  const custSurveys = d.surveys.filter((x) => x.kind === 'customer');
  const repSurveys = d.surveys.filter((x) => x.kind === 'rep');
  if (custSurveys.length > 0) {
    const list = s.ele('cust_survey_list');
    for (const sv of custSurveys) {
      const el = list.ele('cust_exit_survey', { gsnumber: String(sv.submittedBy.gsnumber) });
      for (const a of sv.answers) el.ele('value', { name: a.question.name, value: clean(a.answers.join(', ')) });
    }
  }
  if (repSurveys.length > 0) {
    const list = s.ele('rep_survey_list');
    for (const sv of repSurveys) {
      const el = list.ele('rep_exit_survey', { gsnumber: String(sv.submittedBy.gsnumber) });
      for (const a of sv.answers) el.ele('value', { name: a.question.name, value: clean(a.answers.join(', ')) });
    }
  }
}
