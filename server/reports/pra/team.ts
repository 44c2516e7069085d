import type { ReportDefinition } from '../context.js';
import { supportTeam } from '../support-team.js';

/**
 * PRA's team activity (spec Appendix A): `team_activity_list` as §22, selected by the time
 * sets real clients use (`start_time` or `end_time` with `duration`), the Support Team no-data
 * sentence. The same generator as SupportTeam: users joining and leaving Jump sessions.
 */
export const team: ReportDefinition = { ...supportTeam, name: 'Team' };
