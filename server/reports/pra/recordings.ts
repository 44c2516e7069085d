import { recordingReport } from '../recordings.js';

/** The screen recording of one PRA session by `lsid`, as SupportSessionRecording (§14). */
export const accessSessionRecording = recordingReport('AccessSessionRecording', 'srec', 'support');

/**
 * UserRecording: the spec knows only the name. The mock answers it like AccessSessionRecording
 * (`lsid` in, the session's recording out) rather than denying a report a PRA appliance has;
 * docs/pra.md lists this as a choice.
 */
export const userRecording = recordingReport('UserRecording', 'srec', 'support');
