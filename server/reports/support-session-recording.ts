import { recordingReport } from './recordings.js';

/** The screen-sharing recording of one support session (spec §14). */
export const supportSessionRecording = recordingReport('SupportSessionRecording', 'srec', 'support');
