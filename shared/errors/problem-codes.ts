// Every machine `code` a problem answered by the API can carry, in one list. The OpenAPI document
// publishes it as an enum (clients and the portal translate these codes, never the English
// detail); DomainError and HttpProblem take only these, so a new code is added here or does not
// compile, and test/errors/problem-codes.test.ts checks every code string in the source against it.
export const problemCodes = [
  // Generic codes, one per status, for problems that name nothing more precise.
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNPROCESSABLE',
  'PRECONDITION_REQUIRED',
  'TOO_MANY_REQUESTS',
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
  // Requests the HTTP wrapper refuses before any handler runs.
  'VALIDATION_FAILED',
  'INVALID_FIELD',
  'BODY_NOT_JSON',
  'IF_MATCH_MALFORMED',
  'CURSOR_INVALID',
  // Writes that lost to another one: a condition no longer held, or a transaction held the item.
  'CONCURRENT_UPDATE',
  'TRANSACTION_CONFLICT',
  // "Not now": retry the same request (Retry-After says when).
  'SERVICE_BUSY',
  'TRY_AGAIN',
  'STORED_OBJECT_MISSING',
  // Callers and their organisation.
  'ORGANISATION_MISSING',
  'ORGANISATION_UNKNOWN',
  // Accounts (functions/accounts/): invitations and disabling users in the Cognito user pool.
  'ACCOUNT_EXISTS',
  'ACCOUNT_NOT_FOUND',
  'ACCOUNT_NOT_STAFF',
  // Tenders.
  'AMENDMENT_CHANGES_SEALED_TERMS',
  // A status change its lifecycle's transition table does not allow from the current state
  // (shared/lifecycle/tables.ts); the problem names that state (currentStatus, stage, outcome).
  'TRANSITION_NOT_ALLOWED',
  // Field codes a schema tags its own refusals with (also a problem's code when every issue has it).
  'INVALID_FILE_NAME',
  // Bids.
  'CONTRACTOR_NOT_REGISTERED',
  'CONTRACTOR_NOT_ELIGIBLE',
  'TENDER_NOT_FOUND',
  'TENDER_CANCELLED',
  'TENDER_NOT_OPEN_FOR_BIDS',
  'LOT_NOT_FOUND',
  'DEADLINE_PASSED',
  'ENVELOPE_NOT_UPLOADED',
  'ENVELOPE_TOO_LARGE',
  'ENVELOPE_CHECKSUM_MISSING',
  'ENVELOPE_CHECKSUM_MISMATCH',
  'FINANCIAL_ENVELOPE_REQUIRED',
  'FINANCIAL_ENVELOPE_NOT_EXPECTED',
  'SIGNING_KEY_UNKNOWN',
  'SIGNING_KEY_RETIRED',
  'SIGNATURE_INVALID',
  'IDEMPOTENCY_KEY_REQUIRED',
  'IDEMPOTENCY_KEY_REUSED',
  'ACTIVE_BID_EXISTS',
  'REPLACED_BID_NOT_ACTIVE',
  'BID_NOT_FOUND',
  'BID_NOT_ACTIVE',
  'CONCURRENT_SUBMISSION',
  'BIDS_SEALED',
  // Procedures (shared/procedures/): a tender breaking its procedure's rules; errors[] name the rule.
  'PROCEDURE_RULE_BROKEN',
  // Bids placed before an amendment must be confirmed (shared/bids/confirmation-rule.ts).
  'CONFIRMATION_REVISION_NOT_CURRENT',
  'CONFIRMATION_NOT_REQUIRED',
  'CONFIRMATION_SIGNATURE_INVALID',
  // The no-bids rule (shared/tenders/no-bids-rule.ts).
  'TENDER_HAD_BIDS',
  'NO_BIDS_DECISION_NOT_DUE',
  'NO_BIDS_EXTENSION_TOO_SHORT',
  // System incidents (shared/incidents/).
  'INCIDENT_TIME_IN_FUTURE',
  'INCIDENT_FIX_BEFORE_START',
  'IDEMPOTENCY_KEY_INVALID',
  // Awards: passing over a better-ranked bid needs the reason recorded (functions/awards).
  'AWARD_REASON_REQUIRED',
  // Contractor selection plans and the tenders made from their packages (shared/plans/).
  'PLAN_NOT_PUBLISHED',
  'PLAN_PACKAGE_UNKNOWN',
  'PLAN_PACKAGE_MISMATCH',
  'PLAN_ESTIMATE_EXCEEDED',
  'PLAN_PACKAGE_PLANNED_OFFLINE',
  'PLAN_PACKAGE_PLANNED_ONLINE',
  'PLAN_PACKAGE_DONE_OFFLINE',
  'PLAN_PACKAGE_HAS_LIVE_TENDER',
  'PLAN_PACKAGE_IN_USE',
  'OFFLINE_RESULT_IN_FUTURE',
  // The organisation hierarchy (shared/organisations/hierarchy.ts).
  'ORGANISATION_PARENT_UNKNOWN',
  'ORGANISATION_HIERARCHY_CYCLE',
  'ORGANISATION_HIERARCHY_TOO_DEEP',
  // Targets and KPIs (functions/kpis/).
  'KPI_MONTH_RANGE_INVALID',
] as const;

export type ProblemCode = (typeof problemCodes)[number];

const known: ReadonlySet<string> = new Set(problemCodes);

export const isProblemCode = (code: string): code is ProblemCode => known.has(code);
