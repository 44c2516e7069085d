import type { Element } from 'libxmljs2';
import type { ParameterSet, ReportType } from '../report-types.js';
import { finding, type Finding } from '../types.js';
import { attr, child, children, excerptOf, xpathOf } from '../xml.js';
import type { XmlAnswer } from './document.js';

const ISOTIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;
const DAY = 86_400;
/** Date windows are bounded by the site's local midnight; its offset is read off the data. */
const DATE_SLACK = 3600;

/** Instant and UTC offset (seconds) of a date-time text of spec §5.2, or null. */
export function parseIsoTime(text: string): { epoch: number; offset: number } | null {
  const m = ISOTIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60);
  const local =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
  return { epoch: local - offset, offset };
}

/**
 * Every `timestamp` attribute is UNIX seconds (quirk 33) and, where the element has date-time
 * text, the text names the same instant with a `±HH:MM` offset, never `Z` (spec §5.2, quirk 32).
 */
export function checkTimestamps(answer: XmlAnswer): Finding[] {
  const findings: Finding[] = [];
  for (const el of answer.document.find('//*[@timestamp]') as Element[]) {
    const stamp = attr(el, 'timestamp')!;
    const where = { xpath: xpathOf(el), excerpt: excerptOf(el) };
    if (!/^\d+$/.test(stamp)) {
      findings.push(
        finding(
          'TIMESTAMP',
          'real',
          'quirk 33: every timestamp attribute is integer UNIX seconds',
          `timestamp="${stamp}"`,
          where,
        ),
      );
      continue;
    }
    if (children(el).length > 0) continue;
    const text = el.text().trim();
    if (text === '') continue;
    const parsed = parseIsoTime(text);
    if (!parsed) {
      findings.push(
        finding(
          'TIMESTAMP',
          'real',
          '§5.2 date-time text is YYYY-MM-DDTHH:MM:SS±HH:MM',
          `text "${text}"`,
          where,
        ),
      );
    } else if (parsed.epoch !== Number(stamp)) {
      findings.push(
        finding(
          'TIMESTAMP',
          'real',
          '§5.2 the text and the timestamp attribute name the same instant',
          `text "${text}" is ${parsed.epoch}, timestamp is ${stamp}`,
          where,
        ),
      );
    }
    if (findings.length >= 10) break;
  }
  return findings;
}

/** The window a set asked for, as the kit planned it. */
export interface AskedWindow {
  from: number;
  to: number;
  /** A `*_date` window: bounds are local midnights, known only up to the site's offset. */
  byDate: boolean;
}

interface SessionTimes {
  element: Element;
  start: number | null;
  end: number | null;
  endText: string;
  offset: number | null;
  lseq: number | null;
}

function sessionTimes(el: Element): SessionTimes {
  const start = child(el, 'start_time');
  const end = child(el, 'end_time');
  const startStamp = start ? attr(start, 'timestamp') : undefined;
  const endStamp = end ? attr(end, 'timestamp') : undefined;
  const lseq = child(el, 'lseq')?.text().trim();
  return {
    element: el,
    start: startStamp ? Number(startStamp) : null,
    end: endStamp ? Number(endStamp) : null,
    endText: end?.text().trim() ?? '',
    offset: start ? (parseIsoTime(start.text().trim())?.offset ?? null) : null,
    lseq: lseq && /^\d+$/.test(lseq) ? Number(lseq) : null,
  };
}

/**
 * Window semantics on the data returned (spec §6.2): each session's anchor lies in the window;
 * `end_*` never returns a running session; items come in anchor order, ties by lseq.
 */
export function checkWindow(
  answer: XmlAnswer,
  type: ReportType,
  set: ParameterSet,
  window: AskedWindow,
): Finding[] {
  if (!set.anchor || !type.item || !['session', 'presentation_session'].includes(type.item))
    return [];
  const findings: Finding[] = [];
  const items = children(answer.root, type.item).map(sessionTimes);

  for (const s of items) {
    const where = {
      xpath: xpathOf(s.element),
      excerpt: excerptOf(child(s.element, 'end_time') ?? s.element),
    };
    if (set.anchor === 'end' && (s.end === null || s.endText === '')) {
      findings.push(
        finding(
          'WINDOW',
          'doc',
          '§6.2 end_* windows never return running sessions',
          'a session without an end time was returned',
          { ...where, xpath: `${where.xpath}/end_time` },
        ),
      );
      continue;
    }
    const at = set.anchor === 'start' ? s.start : s.end;
    if (at === null) continue;
    // For date windows the bounds move with the site's offset, read from the item's own text.
    const shift = window.byDate ? -(s.offset ?? 0) : 0;
    const slack =
      window.byDate && s.offset === null ? DATE_SLACK * 14 : window.byDate ? DATE_SLACK : 0;
    const from = window.from + shift - slack;
    const to = window.to + shift + slack;
    if (at < from || at >= to) {
      const field = set.anchor === 'start' ? 'start_time' : 'end_time';
      findings.push(
        finding(
          'WINDOW',
          'doc',
          `§6.2 ${set.name} selects sessions whose ${set.anchor} lies in [${window.from}, ${window.to})`,
          `${field} timestamp ${at} lies outside`,
          { ...where, xpath: `${where.xpath}/${field}` },
        ),
      );
    }
  }

  for (let i = 1; i < items.length; i++) {
    const a = items[i - 1]!;
    const b = items[i]!;
    const ka = set.anchor === 'start' ? a.start : a.end;
    const kb = set.anchor === 'start' ? b.start : b.end;
    if (ka === null || kb === null) continue;
    const outOfOrder =
      kb < ka || (kb === ka && a.lseq !== null && b.lseq !== null && b.lseq < a.lseq);
    if (outOfOrder) {
      findings.push(
        finding(
          'ORDER',
          'assumed',
          `§6.2 results are ordered by ${set.anchor} time ascending, ties by lseq`,
          `item ${i + 1} (${kb}) comes after item ${i} (${ka})`,
          { xpath: xpathOf(b.element) },
        ),
      );
      break;
    }
  }
  return findings.slice(0, 20);
}

/** Items named by lsid are exactly the ones asked for (spec §6.4). */
export function checkSelection(
  answer: XmlAnswer,
  type: ReportType,
  set: ParameterSet,
  params: Record<string, string>,
): Finding[] {
  if (!set.selects || !type.item) return [];
  const asked =
    set.selects === 'lsid'
      ? [params.lsid ?? '']
      : (params.lsids ?? '').split(',').map((s) => s.trim());
  const got = itemLsids(answer, type);
  const missing = asked.filter((l) => !got.includes(l));
  const extra = got.filter((l) => !asked.includes(l));
  if (missing.length === 0 && extra.length === 0) return [];
  const parts = [
    missing.length ? `missing ${missing.join(', ')}` : '',
    extra.length ? `not asked for ${extra.join(', ')}` : '',
  ].filter(Boolean);
  return [
    finding(
      'SELECTION',
      'doc',
      `§6.4 ${set.selects} returns exactly the sessions named`,
      parts.join('; '),
      { xpath: `/${answer.rootName}` },
    ),
  ];
}

/** The `lsid` attributes of the answer's items, in order. */
export function itemLsids(answer: XmlAnswer, type: ReportType): string[] {
  if (!type.item) return [];
  return children(answer.root, type.item).map((el) => attr(el, 'lsid') ?? '');
}

/** The window a request asked for, from its resolved parameters. */
export function windowOf(params: Record<string, string>): AskedWindow | null {
  const duration = Number(params.duration);
  for (const anchor of ['start_time', 'end_time'] as const) {
    if (params[anchor] !== undefined)
      return { from: Number(params[anchor]), to: Number(params[anchor]) + duration, byDate: false };
  }
  for (const anchor of ['start_date', 'end_date'] as const) {
    const date = params[anchor];
    if (date !== undefined) {
      const from = Date.parse(`${date}T00:00:00Z`) / 1000;
      return { from, to: from + duration * DAY, byDate: true };
    }
  }
  return null;
}
