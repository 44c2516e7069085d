/**
 * btmock: a mock BeyondTrust Remote Support appliance (Reporting API) to start from test code.
 * See docs/embedding.md.
 */
export { startMockAppliance } from './server/embed.js';
export type {
  AddSessionInput,
  MockAppliance,
  MockApplianceOptions,
  MockClock,
  MockFaults,
  MockJournal,
} from './server/embed.js';
export type { AddedSession, ClockInfo, RuntimeSettings } from './server/admin/operations.js';
export type { ApiAccountConfig, ReportingPermissions } from './server/auth/accounts.js';
export type {
  FaultAction,
  FaultKind,
  FaultMatch,
  FaultRule,
  FaultRuleInput,
} from './server/faults/rules.js';
export type { JournalEntry } from './server/journal/entry.js';
export type {
  CountVerification,
  OrderVerification,
  Verification,
  VerificationResult,
} from './server/journal/journal.js';
export type { JournalMatch } from './server/journal/match.js';
export type { ApplianceSettings, RateLimit } from './server/settings.js';
export type { Product } from './generators/product.js';
export { AdminError, ToolError } from './server/errors.js';
