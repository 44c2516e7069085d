import { recordingReport } from './recordings.js';

/** The recording of one presentation (spec §19). */
export const presentationSessionRecording = recordingReport(
  'PresentationSessionRecording',
  'prec',
  'presentation',
);
