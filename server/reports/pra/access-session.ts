import { sessionListReport } from '../support-session.js';

/**
 * Full detail of every matching PRA session (spec Appendix A): the `session_list` of
 * SupportSession, every session with its `jump_group`, no Remote Support-only elements. Same
 * parameter sets (1–6 of §11.1), windows and errors; no data reads the Support sentence.
 */
export const accessSession = sessionListReport('AccessSession', 'pra');
