import { exitSurveyReport } from './exit-surveys.js';

/** Customer exit survey answers (spec §20). */
export const supportCustExitSurvey = exitSurveyReport('SupportCustExitSurvey', 'customer');
