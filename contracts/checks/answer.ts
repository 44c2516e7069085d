import {
  APPLIANCE_ERRORS,
  applianceMessage,
  type ApplianceErrorCode,
} from '../../server/errors.js';
import type { CaseExpectation } from '../matrix.js';
import type { NoDataAnswer, ReportType } from '../report-types.js';
import { finding, type Evidence, type Finding } from '../types.js';
import { children, excerptOf } from '../xml.js';
import type { XmlAnswer } from './document.js';

/** Suffixes shared by every no-data sentence, English and French (spec §7.2, §7.5). */
const NO_DATA_SUFFIXES = [
  'matching your chosen criteria is available.',
  'correspondant à vos critères n’est disponible.',
];

export type AnswerVerdict =
  | { kind: 'data' }
  | { kind: 'no-data'; note: string }
  | { kind: 'not-served' }
  | { kind: 'checked' };

/** The texts an error code may read: English, and French where the registry has it. */
function texts(code: ApplianceErrorCode, params: Record<string, string> = {}): string[] {
  const entry: { en: string; fr?: string } = APPLIANCE_ERRORS[code];
  const list = [applianceMessage(code, 'en', params)];
  if (entry.fr) list.push(applianceMessage(code, 'fr', params));
  return list;
}

function errorText(answer: XmlAnswer): string | null {
  return answer.rootName === 'error' ? answer.root.text() : null;
}

const INVALID_REPORT_TYPE = applianceMessage('INVALID_REPORT_TYPE', 'en');

/** An `<error>` answer whose text must be the registry's (spec §7.2–7.4). */
function expectError(
  answer: XmlAnswer,
  code: ApplianceErrorCode,
  params: Record<string, string> | undefined,
  evidence: Evidence,
  what: string,
): Finding[] {
  const text = errorText(answer);
  const wanted = texts(code, params);
  const rule = `§7 ${what} is answered with HTTP 200 and <error>${wanted[0]}</error>`;
  if (text === null) {
    return [
      finding(
        'ERROR_TEXT',
        'real',
        rule,
        `answered with a <${answer.rootName}> document instead of <error>`,
        { xpath: `/${answer.rootName}`, excerpt: excerptOf(answer.root) },
      ),
    ];
  }
  if (wanted.includes(text)) return [];
  return [finding('ERROR_TEXT', evidence, rule, `<error> reads "${text}"`, { xpath: '/error' })];
}

/** The report's no-data answer (spec §7.3), in any of its documented forms. */
export function checkNoData(answer: XmlAnswer, type: ReportType, noData: NoDataAnswer): Finding[] {
  const rule = `§7.3 an empty window of ${type.name} gives its no-data answer`;
  const where = { xpath: `/${answer.rootName}`, excerpt: excerptOf(answer.root) };
  if (noData.kind === 'error') {
    const text = errorText(answer);
    // empty_result=empty_list: the documented empty list root is a real appliance variant.
    if (text === null && answer.rootName === type.root && children(answer.root).length === 0)
      return [];
    if (text === null)
      return [
        finding(
          'NO_DATA',
          noData.evidence,
          rule,
          `answered with <${answer.rootName}> holding data`,
          where,
        ),
      ];
    if (texts(noData.code).includes(text)) return [];
    const suffixOk = NO_DATA_SUFFIXES.some((s) => text.endsWith(s));
    const evidence = suffixOk ? 'assumed' : 'real';
    return [
      finding(
        'NO_DATA',
        evidence,
        `${rule}: "${texts(noData.code)[0]}"`,
        `<error> reads "${text}"`,
        where,
      ),
    ];
  }
  if (answer.rootName !== type.root) {
    return [
      finding(
        'NO_DATA',
        noData.evidence,
        `${rule}: an empty <${type.root}>`,
        `answered with <${answer.rootName}>`,
        where,
      ),
    ];
  }
  if (noData.kind === 'empty-root') {
    if (children(answer.root).length === 0) return [];
    return [
      finding(
        'NO_DATA',
        noData.evidence,
        `${rule}: an empty <${type.root}>`,
        'the root holds items',
        where,
      ),
    ];
  }
  if (noData.kind === 'empty-child') {
    const holder = children(answer.root, noData.child)[0];
    if (holder && children(holder).length === 0) return [];
    const seen = holder ? `<${noData.child}> holds items` : `no <${noData.child}>`;
    return [
      finding('NO_DATA', noData.evidence, `${rule}: an empty <${noData.child}>`, seen, where),
    ];
  }
  return [];
}

/** Whether an answer is the report's no-data answer, whatever its form. */
function isNoData(answer: XmlAnswer, type: ReportType): boolean {
  const noData = type.noData;
  if (!noData) return false;
  if (noData.kind !== 'error') return checkNoData(answer, type, noData).length === 0;
  const text = errorText(answer);
  if (text === null) return answer.rootName === type.root && children(answer.root).length === 0;
  return texts(noData.code).includes(text) || NO_DATA_SUFFIXES.some((s) => text.endsWith(s));
}

/**
 * Checks an XML answer against what the case expects. `first` says whether this is the first
 * answer of its report type: `Invalid report type.` there means the target does not serve it.
 */
export function checkExpectation(
  answer: XmlAnswer,
  type: ReportType,
  expect: CaseExpectation,
  options: { first: boolean; selects: boolean },
): { verdict: AnswerVerdict; findings: Finding[] } {
  const text = errorText(answer);
  if (options.first && text === INVALID_REPORT_TYPE && expect.kind !== 'multipart')
    return { verdict: { kind: 'not-served' }, findings: [] };

  switch (expect.kind) {
    case 'error':
      return {
        verdict: { kind: 'checked' },
        findings: expectError(
          answer,
          expect.edge.code,
          expect.edge.textParams,
          expect.edge.evidence,
          `${expect.edge.name}`,
        ),
      };
    case 'multipart':
      return {
        verdict: { kind: 'checked' },
        findings: expectError(
          answer,
          'INVALID_REPORT_TYPE',
          undefined,
          'assumed',
          'a multipart body (ignored, so no generate_report)',
        ),
      };
    case 'no-data':
      return { verdict: { kind: 'checked' }, findings: checkNoData(answer, type, type.noData!) };
    case 'answer':
      break;
  }

  if (type.body !== 'xml') {
    const shown = text === null ? `<${answer.rootName}>` : `<error>${text}</error>`;
    return {
      verdict: { kind: 'checked' },
      findings: [
        finding(
          'BINARY',
          'real',
          `§10 ${type.name} answers a ${type.body} body`,
          `answered with XML ${shown}`,
          { excerpt: excerptOf(answer.root) },
        ),
      ],
    };
  }
  if (answer.rootName === type.root && !isNoData(answer, type))
    return { verdict: { kind: 'data' }, findings: [] };
  if (isNoData(answer, type)) {
    if (!options.selects)
      return { verdict: { kind: 'no-data', note: 'no data in the window' }, findings: [] };
    return {
      verdict: { kind: 'checked' },
      findings: [
        finding(
          'SELECTION',
          'doc',
          '§6.4 sessions named by lsid are returned',
          'answered with the no-data answer for a listed lsid',
          { excerpt: excerptOf(answer.root) },
        ),
      ],
    };
  }
  const seen = text === null ? `<${answer.rootName}>` : `<error>${text}</error>`;
  return {
    verdict: { kind: 'checked' },
    findings: [
      finding('ROOT', 'doc', `§10 ${type.name} answers <${type.root}>`, `answered with ${seen}`, {
        xpath: `/${answer.rootName}`,
        excerpt: excerptOf(answer.root),
      }),
    ],
  };
}
