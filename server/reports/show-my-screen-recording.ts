import { recordingReport } from './recordings.js';

/** The recording of a representative's Show My Screen in one session (spec §15). */
export const showMyScreenRecording = recordingReport('ShowMyScreenRecording', 'smsrec', 'support');
