import { exitSurveyReport } from './exit-surveys.js';

/** Representative survey answers (spec §21). */
export const supportRepExitSurvey = exitSurveyReport('SupportRepExitSurvey', 'rep');
