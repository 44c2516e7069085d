/** The full shape of one support session, mirroring the appliance's `session` element. */

export interface Actor {
  /** `attendee` appears in presentations only. */
  type: 'system' | 'customer' | 'representative' | 'attendee';
  gsnumber: number;
  name: string;
}

export interface FileRef {
  filename: string;
  filesize: number;
}

export interface SystemInfoCategory {
  name: string;
  columns: string[];
  rows: string[][];
}

export interface SessionEvent {
  timestamp: number;
  eventType: string;
  performedBy?: Actor;
  destination?: Actor;
  data?: [string, string][];
  /** Chat or note text; replaced by `encodedBody` when it holds characters XML 1.0 forbids. */
  body?: string;
  encodedBody?: string;
  filename?: string;
  filesize?: number;
  files?: FileRef[];
  systemInformation?: SystemInfoCategory[];
}

export interface CustomerInfo {
  name?: string;
  company?: string;
  companyCode?: string;
  issue?: string;
  details?: string;
}

export interface CustomerEntry {
  gsnumber: number;
  customerId: number;
  name: string;
  username: string;
  publicIp?: string;
  privateIp?: string;
  hostname?: string;
  os?: string;
  primaryCust?: boolean;
  info?: CustomerInfo;
}

export interface RepEntry {
  gsnumber: number;
  id: number;
  username: string;
  displayName: string;
  publicDisplayName?: string;
  privateDisplayName?: string;
  publicIp?: string;
  privateIp?: string;
  hostname?: string;
  os?: string;
  sessionOwner: boolean;
  primaryRep?: boolean;
  secondsInvolved: number;
  invited?: boolean;
}

export interface SurveyQuestion {
  id: number;
  name: string;
  type: 'radio' | 'checkbox' | 'dropdown' | 'text' | 'textarea';
  label: string;
  reportHeader: string;
}

export interface SurveyAnswer {
  question: SurveyQuestion;
  answers: string[];
}

export interface ExitSurvey {
  kind: 'customer' | 'rep';
  timestamp: number;
  /** Customer or representative who answered. */
  submittedBy: Actor;
  answers: SurveyAnswer[];
}

export interface UrlPair {
  view: string;
  download: string;
}

export interface SessionDetail {
  lsid: string;
  lseq: number;
  start: number;
  /** null while the session is running. */
  end: number | null;
  durationSeconds: number;
  site: { id: number; name: string };
  externalKey: string;
  customAttributes: { codeName: string; displayName: string; value: string }[];
  chatUrls?: UrlPair;
  recordingUrls?: UrlPair;
  showMyScreenUrls?: UrlPair;
  shellRecordings: ({ instance: number } & UrlPair)[];
  fileTransferCount: number;
  fileMoveCount: number;
  fileDeleteCount: number;
  primaryCustomer: { name: string; gsnumber: number };
  jumpoint?: { id: number; name: string };
  jumpGroup?: { id: number; type: 'shared' | 'personal'; name: string };
  primaryRep?: { name: string; gsnumber: number; id: number };
  customers: CustomerEntry[];
  reps: RepEntry[];
  events: SessionEvent[];
  surveys: ExitSurvey[];
}
