/**
 * The one error registry. Every error the mock emulates (the appliance's `<error>` texts, the
 * OAuth JSON errors) and every error of the tool itself has a stable code here, its message and,
 * where it is an HTTP answer, its status. docs/errors.md lists them for users.
 */

export type Locale = 'en' | 'fr';

/** Errors of the emulated appliance, answered as an XML `<error>` document (spec §7). */
export const APPLIANCE_ERRORS = {
  NO_DATA_SUPPORT: {
    status: 200,
    noData: true,
    en: 'No Support report information matching your chosen criteria is available.',
    fr: 'Aucune information de rapport d’assistance correspondant à vos critères n’est disponible.',
  },
  NO_DATA_TEAM: {
    status: 200,
    noData: true,
    en: 'No Support Team report information matching your chosen criteria is available.',
    fr: 'Aucune information de rapport d’équipe d’assistance correspondant à vos critères n’est disponible.',
  },
  NO_DATA_PRESENTATION: {
    status: 200,
    noData: true,
    en: 'No Presentation report information matching your chosen criteria is available.',
    fr: 'Aucune information de rapport de présentation correspondant à vos critères n’est disponible.',
  },
  NO_DATA_VAULT: {
    status: 200,
    noData: true,
    en: 'No vault account activity matching your chosen criteria is available.',
  },
  NO_ARCHIVES: {
    status: 200,
    noData: true,
    en: 'No archives found for the given search criteria.',
  },
  INVALID_REPORT_TYPE: { status: 200, en: 'Invalid report type.' },
  NO_PARAMETER_SET: { status: 200, en: 'One of {list} must be specified.' },
  MISSING_PARAMETER: { status: 200, en: 'Missing required parameter: {name}.' },
  INVALID_VALUE: { status: 200, en: 'Invalid value for parameter {name}.' },
  INVALID_LSID: { status: 200, en: 'Invalid lsid.' },
  PERMISSION_DENIED: { status: 200, en: 'Permission denied.' },
  ARCHIVE_API_DISABLED: { status: 200, en: 'The Archive API is disabled.' },
  NO_RECORDING: { status: 200, en: 'No recording found for the given session.' },
  RECORDING_EXPIRED: {
    status: 200,
    en: 'This recording has expired and can no longer be viewed or downloaded.',
  },
  LOGIN_FAILED: { status: 200, en: 'Login failed' },
  INVALID_ACTION: { status: 200, en: 'Invalid action' },
  RATE_LIMITED: { status: 429, en: 'Rate limit exceeded.' },
  AUTHENTICATION_FAILED: { status: 401, en: 'Authentication failed.' },
} as const satisfies Record<string, { status: number; en: string; fr?: string; noData?: boolean }>;

export type ApplianceErrorCode = keyof typeof APPLIANCE_ERRORS;

/** Thrown by report code; rendered once, at the HTTP edge, as the appliance's `<error>`. */
export class ApplianceError extends Error {
  readonly code: ApplianceErrorCode;
  readonly status: number;
  readonly params: Record<string, string>;

  constructor(code: ApplianceErrorCode, params: Record<string, string> = {}) {
    super(applianceMessage(code, 'en', params));
    this.name = 'ApplianceError';
    this.code = code;
    this.status = APPLIANCE_ERRORS[code].status;
    this.params = params;
  }

  text(locale: Locale): string {
    return applianceMessage(this.code, locale, this.params);
  }
}

export function applianceMessage(
  code: ApplianceErrorCode,
  locale: Locale,
  params: Record<string, string> = {},
): string {
  const entry: { en: string; fr?: string } = APPLIANCE_ERRORS[code];
  const template = (locale === 'fr' && entry.fr) || entry.en;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? `{${key}}`);
}

/** Errors of the token endpoint, answered as JSON (spec §2.5). */
export const OAUTH_ERRORS = {
  INVALID_CLIENT: {
    status: 401,
    error: 'invalid_client',
    message: 'Client authentication failed.',
  },
  UNSUPPORTED_GRANT_TYPE: {
    status: 400,
    error: 'unsupported_grant_type',
    message: 'The authorization grant type is not supported by the authorization server.',
  },
} as const;

export type OAuthErrorCode = keyof typeof OAUTH_ERRORS;

/** Errors of the tool itself: bad flags, bad fixture files, bad configuration. */
export const TOOL_ERRORS = {
  USAGE: 'The command line cannot be understood: an unknown command or option, or one missing.',
  BAD_OPTION: 'An option has a value the mock cannot use.',
  BAD_CONFIG: 'The configuration file cannot be used.',
  BAD_FIXTURE: 'A fixture file cannot be loaded.',
  LISTEN_FAILED: 'The server could not listen on the requested address.',
  TLS_MATERIAL: 'The TLS certificate or key cannot be read, generated or used.',
  CONTRACT_TARGET: 'The contract target cannot be reached or answered nonsense.',
  BAD_SCHEMA: 'A schema (XSD) cannot be used: unreadable, hostile or not a schema.',
  CAPTURE_FAILED: 'A capture could not be written.',
  INTERNAL: 'An unexpected error of the tool itself; its stack trace follows the code.',
} as const;

export type ToolErrorCode = keyof typeof TOOL_ERRORS;

/** One precise problem of a file, variable or flag: where it is and what is wrong. */
export interface ToolProblem {
  /** The file path, `BTMOCK_*` variable or `--flag` the value came from. */
  source: string;
  /** Path inside a file, e.g. `sessions[2].reps[0].id`; empty for the whole source. */
  path: string;
  /** 1-based line in the file, where known. */
  line?: number;
  message: string;
}

/** `source:line: path: message`, the form editors and CI logs link to. */
export function formatProblem(p: ToolProblem): string {
  const where = p.line === undefined ? p.source : `${p.source}:${p.line}`;
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

export class ToolError extends Error {
  readonly code: ToolErrorCode;
  /** Every problem found, when the error sums up a validation (all are reported at once). */
  readonly problems: readonly ToolProblem[];

  constructor(code: ToolErrorCode, detail: string, problems: readonly ToolProblem[] = []) {
    const list = problems.map((p) => `\n  ${formatProblem(p)}`).join('');
    super(`${code}: ${detail}${list}`);
    this.name = 'ToolError';
    this.code = code;
    this.problems = problems;
  }
}

/**
 * Errors of the admin API (`/__admin/…`), answered as JSON `{ error, message, field? }`. They
 * never use the appliance's formats, so a client cannot mistake them for appliance answers.
 */
export const ADMIN_ERRORS = {
  ADMIN_UNAUTHORIZED: {
    status: 401,
    error: 'admin_unauthorized',
    message: 'The admin API needs its own bearer token.',
  },
  ADMIN_BAD_JSON: {
    status: 400,
    error: 'bad_json',
    message: 'The request body must be a JSON object.',
  },
  ADMIN_BAD_FIELD: { status: 400, error: 'bad_field', message: '{field} {problem}' },
  ADMIN_NO_RULE: { status: 404, error: 'no_such_rule', message: 'There is no fault rule "{id}".' },
  ADMIN_NO_ROUTE: {
    status: 404,
    error: 'no_such_operation',
    message: 'There is no admin operation {method} {path}.',
  },
} as const satisfies Record<string, { status: number; error: string; message: string }>;

export type AdminErrorCode = keyof typeof ADMIN_ERRORS;

/** What is wrong with one field of an admin request; `{…}` are filled from the error's details. */
export const FIELD_PROBLEMS = {
  REQUIRED: 'is required',
  UNKNOWN: 'is not a field of this operation',
  NOT_OBJECT: 'must be a JSON object',
  NOT_STRING: 'must be a non-empty string',
  NOT_BOOLEAN: 'must be true or false',
  NOT_INTEGER: 'must be a whole number',
  NOT_NUMBER: 'must be a number',
  NOT_LIST: 'must be a non-empty list',
  TOO_SMALL: 'must be at least {min}',
  TOO_LARGE: 'must be at most {max}',
  NOT_ONE_OF: 'must be one of {list}',
  NOT_TIME: 'must be UNIX seconds or an ISO 8601 date-time from 1970 to 2100',
  BAD_RANGE: 'must be [min, max] with min ≤ max',
  NOT_SINGLE_CHAR: 'must be exactly one character',
  BEFORE_START: 'must not be before the session start',
  NOT_URL: 'must be an http(s) URL',
  ONE_OF_FIELDS: 'needs exactly one of {list}',
} as const;

export type FieldProblem = keyof typeof FIELD_PROBLEMS;

/** An admin request the mock refuses; rendered once, at the admin edge, as JSON. */
export class AdminError extends Error {
  readonly code: AdminErrorCode;
  readonly status: number;
  readonly field: string | undefined;

  constructor(code: AdminErrorCode, params: Record<string, string> = {}) {
    super(
      ADMIN_ERRORS[code].message.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? `{${k}}`),
    );
    this.name = 'AdminError';
    this.code = code;
    this.status = ADMIN_ERRORS[code].status;
    this.field = params.field;
  }

  /** A 400 naming the field and what is wrong with it. */
  static field(
    field: string,
    problem: FieldProblem,
    details: Record<string, string> = {},
  ): AdminError {
    const text = FIELD_PROBLEMS[problem].replace(
      /\{(\w+)\}/g,
      (_, k: string) => details[k] ?? `{${k}}`,
    );
    return new AdminError('ADMIN_BAD_FIELD', { field, problem: text });
  }

  toJSON(): { error: string; message: string; field?: string } {
    const body: { error: string; message: string; field?: string } = {
      error: ADMIN_ERRORS[this.code].error,
      message: this.message,
    };
    if (this.field !== undefined) body.field = this.field;
    return body;
  }
}

/** Bodies of the `status` fault: the pages a web server in front of the appliance sends. */
export const FAULT_STATUS_PAGES = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
} as const;

/**
 * The kinds of finding the contract kit reports. Each is one rule family of the behavioural
 * contract; a finding names its kind, the rule broken (with its spec section) and what was seen.
 */
export const CONTRACT_FINDINGS = {
  TRANSPORT: 'The request failed at the connection level (refused, reset, timed out).',
  STATUS: 'The HTTP status is not the one the contract requires.',
  CONTENT_TYPE: 'The Content-Type does not match the body the contract requires.',
  CONNECTION_CLOSE: 'The response does not carry Connection: close.',
  SIZE: 'The body exceeds the size limit; reading stopped at the limit.',
  HOSTILE_XML: 'The body declares a DTD or entities; nothing was resolved or expanded.',
  WELL_FORMED: 'The body is not well-formed XML.',
  NAMESPACE: "The root element's namespace is not the schema's target namespace.",
  XSD: "The document does not validate against the target's schema.",
  ROOT: 'The root element is not the one the report answers with.',
  ERROR_TEXT: 'An <error> answer is missing or carries another text than the contract says.',
  NO_DATA: "An empty window is not answered with the report's no-data answer.",
  BINARY: 'A binary report cannot be opened as the format it claims.',
  TIMESTAMP: 'A timestamp attribute or its date-time text breaks the value formats.',
  WINDOW: 'An item lies outside the requested time window, or a running session was returned.',
  ORDER: 'Items are not in the order of the window anchor.',
  SELECTION: 'Items selected by lsid do not match the lsids requested.',
  LISTING_DETAIL: 'A listing and the detail report for the same window name different sessions.',
  GET_POST: 'GET and POST with the same parameters select different items.',
  TOKEN: 'The token endpoint or the token lifecycle breaks the contract.',
} as const;

export type ContractFindingCode = keyof typeof CONTRACT_FINDINGS;
