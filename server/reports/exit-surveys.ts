import { repById } from '../../generators/world.js';
import type { ExitSurvey, SessionDetail } from '../../generators/detail-types.js';
import { endAt, type SessionCore } from '../../generators/sessions.js';
import { ApplianceError } from '../errors.js';
import type { Builder } from '../xml/layout.js';
import { DAY_BREAK, type ReportContext, type ReportDefinition } from './context.js';
import { enumParam } from './params.js';
import { clean, customerElement, representativeElement } from './session-xml.js';
import { detailOf, selectionOf, sessionsOfSelection } from './sessions.js';

type SurveyKind = ExitSurvey['kind'];

/** Who a survey filter keeps: `id=all` keeps everyone (spec §20.1). */
interface SurveyFilter {
  reportType: 'rep' | 'team';
  id: number | 'all';
}

/**
 * `report_type` (rep or team) and `id` (a user or team id, or `all`). `id` is required with a
 * time window and optional with lsid/lsids, where it still filters when given.
 */
function surveyFilter(ctx: ReportContext, window: boolean): SurveyFilter {
  const reportType = enumParam(ctx.params, 'report_type', ['rep', 'team'] as const);
  const raw = ctx.params.get('id');
  if (raw === undefined) {
    if (window) throw new ApplianceError('MISSING_PARAMETER', { name: 'id' });
    return { reportType, id: 'all' };
  }
  if (raw !== 'all' && !/^[0-9]+$/.test(raw)) throw new ApplianceError('INVALID_VALUE', { name: 'id' });
  return { reportType, id: raw === 'all' ? 'all' : Number(raw) };
}

function matches(ctx: ReportContext, core: SessionCore, filter: SurveyFilter): boolean {
  if (filter.id === 'all') return true;
  if (filter.reportType === 'rep') {
    return core.primaryRepId === filter.id || core.memberRepIds.includes(filter.id);
  }
  if (core.primaryRepId === null) return false;
  return repById(ctx.world, core.primaryRepId).teamIds.includes(filter.id);
}

function surveyElement(parent: Builder, d: SessionDetail, s: ExitSurvey): void {
  const el = parent.ele('exit_survey', { lsid: d.lsid, timestamp: String(s.timestamp) });
  el.ele('submitted_by', { type: s.kind === 'customer' ? 'customer' : 'rep' }).txt(
    clean(s.submittedBy.name),
  );
  if (s.kind === 'customer') {
    el.ele('primary_customer', { gsnumber: String(d.primaryCustomer.gsnumber) }).txt(
      clean(d.primaryCustomer.name),
    );
  }
  if (d.primaryRep) {
    const { gsnumber, id, name } = d.primaryRep;
    el.ele('primary_rep', { gsnumber: String(gsnumber), id: String(id) }).txt(clean(name));
  }
  if (s.kind === 'rep') {
    const reps = el.ele('rep_list');
    for (const r of d.reps) representativeElement(reps, r);
  } else {
    const customers = el.ele('customer_list');
    for (const c of d.customers) customerElement(customers, c);
  }
  if (d.externalKey) el.ele('external_key').txt(clean(d.externalKey));
  const questions = el.ele('question_list');
  for (const a of s.answers) {
    const q = questions.ele('question', { id: String(a.question.id) });
    q.ele('name').txt(a.question.name);
    q.ele('type').txt(a.question.type);
    q.ele('label').txt(clean(a.question.label));
    q.ele('report_header').txt(clean(a.question.reportHeader));
    const answers = q.ele('answer_list');
    // Answers go out as typed: a literal backslash-n stays two characters (quirk 38).
    for (const text of a.answers) answers.ele('answer').txt(clean(text));
  }
}

/**
 * Exit survey reports (spec §20, §21): the surveys of one kind attached to the selected
 * sessions, one `exit_survey` per submitted survey, in the sessions' order.
 */
export function exitSurveyReport(name: string, kind: SurveyKind): ReportDefinition {
  const flag = kind === 'customer' ? 'custSurvey' : 'repSurvey';
  return {
    name,
    permission: 'support',
    run(ctx) {
      const selection = selectionOf(ctx, true);
      const filter = surveyFilter(ctx, selection.kind === 'window');
      const sessions = sessionsOfSelection(ctx, selection);
      const settle = ctx.settings.settleSeconds;
      return {
        kind: 'list',
        root: 'exit_survey_list',
        noData: 'NO_DATA_SUPPORT',
        items: (function* () {
          for (const core of sessions) {
            if (core === DAY_BREAK) {
              yield DAY_BREAK;
              continue;
            }
            // Surveys are submitted at the end: only ended sessions with one can match.
            if (!core[flag] || endAt(core, ctx.now, settle) === null) continue;
            if (!matches(ctx, core, filter)) continue;
            const detail = detailOf(ctx, core);
            for (const survey of detail.surveys.filter((s) => s.kind === kind)) {
              yield (parent: Builder) => surveyElement(parent, detail, survey);
            }
          }
        })(),
      };
    },
  };
}
