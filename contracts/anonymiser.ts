import { containsWord, type Category, type Pseudonyms } from './pseudonyms.js';

/**
 * Anonymises reporting XML in place: element text and attribute values that name people, user
 * names, addresses, hosts, e-mail addresses or hold free text are replaced with consistent
 * pseudonyms; everything else — structure, counts, timestamps, lsids, whitespace and the
 * appliance's irregular markup — stays byte for byte.
 */

interface Open {
  name: string;
  attrs: Record<string, string>;
}

/** The report types of a Privileged Remote Access appliance whose sessions are Jump sessions. */
const PRA_SESSION_REPORTS = new Set(['AccessSession', 'AccessSessionListing']);

/**
 * Element text by local name; a function decides from the element, its parent and the report.
 * PRA names endpoints where Remote Support names customers: a Jump Item's name, and the
 * `primary_customer` of an AccessSession, which is that Jump Item, are host names, so one
 * endpoint gets one pseudonym in JumpItem and in AccessSession.
 */
const TEXT_RULES: Record<
  string,
  Category | ((el: Open, parent: Open | undefined, ctx: AnonymiseContext) => Category | null)
> = {
  username: 'username',
  display_name: 'person',
  public_display_name: 'person',
  private_display_name: 'person',
  primary_customer: (_el, _parent, ctx) =>
    PRA_SESSION_REPORTS.has(ctx.generateReport) ? 'hostname' : 'person',
  primary_rep: (_el, parent) => (parent?.name === 'representative' ? null : 'person'),
  primary_presenter: 'person',
  submitted_by: 'person',
  performed_by: (el) => (el.attrs.type === 'system' ? null : 'person'),
  destination: (el) => (el.attrs.type === 'system' ? null : 'person'),
  name: (_el, parent) =>
    parent?.name === 'info' ? 'person' : parent?.name === 'jump_item' ? 'hostname' : null,
  company: 'company',
  company_code: 'text',
  issue: 'text',
  details: 'text',
  body: 'text',
  answer: 'text',
  custom_attribute: 'text',
  hostname: 'hostname',
  public_ip: 'ip',
  private_ip: 'ip',
  filename: 'filename',
  jumpoint: 'hostname',
  // A personal Jump Group carries its owner's name.
  jump_group: (el) => (el.attrs.type === 'personal' ? 'person' : 'text'),
  // Vault activity's free-text detail, e.g. "Manually Edited" (spec A.1).
  data: (_el, parent) => (parent?.name === 'vault_account_activity' ? 'text' : null),
  field: (_el, parent) => (parent?.name === 'row' ? 'text' : null),
};

const URL_ELEMENT = /(_url|^download_url|^view_url)$/;

/** `data/value` pairs: the category of `@value` by `@name` (spec §11.4 keys). */
const VALUE_KEYS: Record<string, Category> = {
  username: 'username',
  private_name: 'person',
  public_name: 'person',
  granted_to: 'person',
  // A vault account's name, e.g. CORP\svc_monitor: an account, named like a user.
  credential_name: 'username',
  private_ip: 'ip',
  public_ip: 'ip',
  hostname: 'hostname',
  path: 'path',
  old_path: 'path',
  new_path: 'path',
  key_path: 'path',
  parent_path: 'path',
  root_path: 'path',
};
/** Keys whose values describe the software, not a person: kept. */
const VALUE_KEEP = new Set([
  'state',
  'os',
  'user_id',
  'instance',
  'attempt_id',
  'credential_id',
  'support_teams',
  'level',
  'service',
  'value_type',
  'download_url',
  'view_url',
]);

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const IP_ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[?[0-9a-f]*:[0-9a-f:.]*\]?)(?::\d+)?$/i;

function decode(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (m, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()]!;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : m;
  });
}

function encode(text: string, attribute: boolean): string {
  const s = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? s.replace(/"/g, '&quot;') : s;
}

export interface AnonymiseContext {
  generateReport: string;
  params: Record<string, string>;
}

/** What the anonymiser replaces in one document: (category, original value) pairs. */
export type Replacement = { category: Category; value: string };

/**
 * Walks the document with a small lexer (tags and text between them) and calls `replace` for
 * each personal value; returns the rewritten text. With a collecting `replace` it lists the
 * personal values without changing anything.
 */
function rewrite(xml: string, ctx: AnonymiseContext, replace: (r: Replacement) => string): string {
  const stack: Open[] = [];
  const site = (url: string) =>
    url.replace(
      /^(https?:\/\/)([^/?#]+)/i,
      (_m, scheme: string, host: string) =>
        `${scheme}${replace({ category: 'site', value: host })}`,
    );
  const emails = (text: string) =>
    text.replace(EMAIL, (m) => replace({ category: 'email', value: m }));

  const textCategory = (): Category | 'url' | null => {
    const el = stack[stack.length - 1];
    if (!el) return null;
    if (URL_ELEMENT.test(el.name)) return 'url';
    const rule = TEXT_RULES[el.name];
    if (!rule) return null;
    return typeof rule === 'function' ? rule(el, stack[stack.length - 2], ctx) : rule;
  };

  const attrValue = (el: Open, name: string, value: string): string => {
    if (el.name === 'value' && name === 'value') {
      const key = el.attrs.name ?? '';
      const parent = stack[stack.length - 1]?.name ?? '';
      if (parent.endsWith('_exit_survey')) return replace({ category: 'text', value });
      if (key.endsWith('_url')) return site(value);
      if (VALUE_KEEP.has(key) || /^-?\d+$/.test(value)) return value;
      // The owner is a representative, or a system conference label such as "Pre-start Conference".
      if (key === 'owner')
        return / Conference$/.test(value) ? value : replace({ category: 'person', value });
      return replace({ category: VALUE_KEYS[key] ?? 'text', value });
    }
    // Grouped by representative; AccessSessionSummary groups by user when not told (Appendix A).
    if (el.name === 'summary' && name === 'name' && (ctx.params.report_type ?? 'rep') === 'rep')
      return replace({ category: 'person', value });
    return emails(value);
  };

  return xml.replace(
    /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|[^<]+/g,
    (
      token,
      close: string | undefined,
      name: string | undefined,
      attrs: string | undefined,
      selfClose: string | undefined,
    ) => {
      if (name === undefined) {
        if (token.startsWith('<')) return token;
        // Text between tags: whitespace-only text is layout and stays.
        if (token.trim() === '') return token;
        const category = textCategory();
        const lead = token.match(/^\s*/)![0];
        const trail = token.match(/\s*$/)![0];
        const core = decode(token.trim());
        let out: string;
        if (category === 'url') out = site(core);
        else if (stack[stack.length - 1]?.name === 'encoded_body') {
          // Text that was base64-encoded for its control characters (spec §1.5) is free text too.
          const plain = Buffer.from(core, 'base64').toString('utf8');
          out = Buffer.from(replace({ category: 'text', value: plain })).toString('base64');
        } else if (category === 'hostname' && IP_ADDRESS.test(core))
          // A host given by its address (a Jump Item's hostname) keeps an address's shape.
          out = replace({ category: 'ip', value: core });
        else if (category) out = replace({ category, value: core });
        else out = emails(core);
        return `${lead}${encode(out, false)}${trail}`;
      }
      const local = name.replace(/^.*:/, '');
      if (close) {
        stack.pop();
        return token;
      }
      const parsed: Record<string, string> = {};
      for (const m of (attrs ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
        parsed[m[1]!] = decode(m[2] ?? m[3] ?? '');
      const el: Open = { name: local, attrs: parsed };
      const newAttrs = (attrs ?? '').replace(
        /([\w:.-]+)(\s*=\s*)(?:"([^"]*)"|'([^']*)')/g,
        (_m, an: string, eq: string, dq?: string, sq?: string) => {
          if (an === 'xmlns' || an.startsWith('xmlns:')) return `${an}${eq}"${dq ?? sq ?? ''}"`;
          return `${an}${eq}"${encode(attrValue(el, an, decode(dq ?? sq ?? '')), true)}"`;
        },
      );
      if (!selfClose) stack.push(el);
      return token.replace(attrs ?? '', newAttrs);
    },
  );
}

/** The personal values of a document, by category: what anonymisation will replace. */
export function personalValues(xml: string, ctx: AnonymiseContext): Replacement[] {
  const found: Replacement[] = [];
  rewrite(xml, ctx, (r) => {
    if (r.value !== '') found.push(r);
    return r.value;
  });
  return found;
}

/** The document with every personal value replaced by its pseudonym. */
export function anonymiseXml(xml: string, ctx: AnonymiseContext, pseudonyms: Pseudonyms): string {
  return rewrite(xml, ctx, (r) => (r.value === '' ? r.value : pseudonyms.get(r.category, r.value)));
}

/** Whether any of the values appears in the text as a whole word. */
export function leakedValues(text: string, values: Iterable<string>): string[] {
  return [...new Set(values)].filter(
    (v) => v.length >= 3 && v !== 'Unknown' && containsWord(text, v),
  );
}
