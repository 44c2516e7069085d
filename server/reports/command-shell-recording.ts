import { recordingReport } from './recordings.js';

/** The recording of one command-shell instance of a session, `instance` from 0 (spec §16). */
export const commandShellRecording = recordingReport('CommandShellRecording', 'shell', 'support');
