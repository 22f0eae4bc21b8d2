// Every function of the system, declared once. The CDK stacks deploy exactly these (with these
// triggers and grants) and the local runtime runs exactly these.
import type { RouteContract } from '../shared/http/route-contract.ts';
import { accountRoutes } from './accounts/contract.ts';
import { awardRoutes } from './awards/contract.ts';
import { bidCommitRoutes } from './bid-commit/contract.ts';
import { bidQueryRoutes } from './bid-queries/contract.ts';
import { bidUploadRoutes } from './bid-uploads/contract.ts';
import { clarificationRoutes } from './clarifications/contract.ts';
import { contractorRoutes } from './contractors/contract.ts';
import { evaluationRoutes } from './evaluation/contract.ts';
import type { FunctionSpec, Throttle } from './function-spec.ts';
import { incidentRoutes } from './incidents/contract.ts';
import { kpiRoutes } from './kpis/contract.ts';
import { minutesRoutes } from './minutes/contract.ts';
import { notificationRoutes } from './notifications/contract.ts';
import { ocdsRoutes } from './ocds/contract.ts';
import { ocdsExportRoutes } from './ocds-export/contract.ts';
import { ocdsFeedRoutes } from './ocds-feed/contract.ts';
import { openApiRoutes } from './openapi/contract.ts';
import { organisationRoutes } from './organisations/contract.ts';
import { oversightRoutes } from './oversight/contract.ts';
import { oversightFlagRoutes } from './oversight-flags/contract.ts';
import { planManageRoutes } from './plans/contract.ts';
import { planPublicRoutes } from './plans/public-contract.ts';
import { procedureRoutes } from './procedures/contract.ts';
import { receiptRoutes } from './receipts/contract.ts';
import { tenderDocumentRoutes } from './tender-documents/contract.ts';
import { tenderDocumentDownloadRoutes } from './tender-documents/download-contract.ts';
import { tenderManageRoutes } from './tenders-manage/contract.ts';
import { tenderPublicRoutes } from './tenders-public/contract.ts';
import { throttles } from './throttles.ts';

// An HTTP trigger for a contract module's routes, throttled at `throttle` except where `overrides`
// (keyed like the module's routes, which are their operationIds) says otherwise.
const http = <R extends Record<string, RouteContract>>(
  routes: R,
  throttle: Throttle,
  overrides: Partial<Record<keyof R & string, Throttle>> = {},
) =>
  ({
    kind: 'http',
    routes: Object.values(routes),
    throttle,
    routeThrottles: Object.fromEntries(
      Object.entries(overrides).map(([name, t]) => [(routes[name] as RouteContract).operationId, t]),
    ) as Record<string, Throttle>,
  }) as const;

export const catalog = {
  contractors: {
    description: 'Contractor registry: registration, profiles, status, eligibility',
    entry: 'functions/contractors/handler.ts',
    trigger: http(contractorRoutes, throttles.write, {
      registerContractor: throttles.registration,
      addSigningKey: throttles.registration,
      myContractor: throttles.signedInRead,
      getContractor: throttles.signedInRead,
      listContractors: throttles.publicRead,
      listSigningKeys: throttles.publicRead,
      contractorEligibility: throttles.publicRead,
    }),
    grants: [
      { table: 'parties', access: 'readWrite' },
      { table: 'audit', access: 'append' },
      // Authenticates its list cursors (shared/http/cursor.ts).
      { key: 'cursors', access: 'mac' },
    ],
  },
  organisations: {
    description: 'Procuring entities (OCDS buyers): registration by admins, public directory',
    entry: 'functions/organisations/handler.ts',
    trigger: http(organisationRoutes, throttles.publicRead, { createOrganisation: throttles.write }),
    grants: [
      { table: 'parties', access: 'readWrite' },
      { table: 'audit', access: 'append' },
      // Authenticates its list cursors (shared/http/cursor.ts).
      { key: 'cursors', access: 'mac' },
    ],
  },
  accounts: {
    description: 'Accounts: admins invite staff, auditors and admins (Cognito), and disable them',
    entry: 'functions/accounts/handler.ts',
    trigger: http(accountRoutes, throttles.write),
    grants: [
      { userPool: 'users', access: 'invite' },
      { userPool: 'users', access: 'disable' },
      // Only to check that an invited procuring-entity user's organisation exists.
      { table: 'parties', access: 'read' },
    ],
  },
  postConfirmation: {
    description: 'Cognito post-confirmation trigger: a user who signed up is a contractor, only that',
    entry: 'functions/accounts/post-confirmation.ts',
    trigger: { kind: 'userPool', userPool: 'users', event: 'postConfirmation' },
    // No other group: staff, auditors and admins are only ever invited (accounts).
    grants: [{ userPool: 'users', access: 'addToGroup' }],
    // Cognito gives a trigger 5 s.
    timeoutSeconds: 5,
  },
  tendersManage: {
    description: "Procuring entities' tenders: drafts, publication, amendments, cancellation",
    entry: 'functions/tenders-manage/handler.ts',
    trigger: http(tenderManageRoutes, throttles.write, {
      listOwnTenders: throttles.signedInRead,
      getOwnTender: throttles.signedInRead,
    }),
    grants: [
      { table: 'tenders', access: 'readWrite' },
      // Only to check that the caller's organisation exists and take its name.
      { table: 'parties', access: 'read' },
      { table: 'audit', access: 'append' },
      // Amendments that ask bidders to confirm, and the no-bids decision, notify (outbox).
      { table: 'notifications', access: 'write' },
      // Publication and deadline changes set the opening timer.
      { queue: 'opening', access: 'send' },
      // Publication wraps the tender's opening private key; only the opener may decrypt it.
      { key: 'tenderKeys', access: 'encrypt' },
      // Authenticates its list cursors (shared/http/cursor.ts).
      { key: 'cursors', access: 'mac' },
    ],
  },
  plansManage: {
    description:
      "Procuring entities' contractor selection plans: drafts, publication, revisions, offline results",
    entry: 'functions/plans/handler.ts',
    trigger: http(planManageRoutes, throttles.write, {
      listOwnPlans: throttles.signedInRead,
      getOwnPlan: throttles.signedInRead,
    }),
    grants: [
      // Plans live beside the tenders made from their packages; a revision reads those tenders.
      { table: 'tenders', access: 'readWrite' },
      // Only to check that the caller's organisation exists and take its name.
      { table: 'parties', access: 'read' },
      { table: 'audit', access: 'append' },
      // Authenticates its list cursors (shared/http/cursor.ts).
      { key: 'cursors', access: 'mac' },
    ],
  },
  plansPublic: {
    description: 'Public contractor selection plans: list, detail with progress, revisions',
    entry: 'functions/plans/public-handler.ts',
    trigger: http(planPublicRoutes, throttles.publicRead),
    grants: [
      { table: 'tenders', access: 'read' },
      // Authenticates its list cursors (shared/http/cursor.ts).
      { key: 'cursors', access: 'mac' },
    ],
  },
  tendersPublic: {
    description: 'Public tender notices: list, detail, revisions, answered questions',
    entry: 'functions/tenders-public/handler.ts',
    trigger: http(tenderPublicRoutes, throttles.publicRead),
    grants: [
      { table: 'tenders', access: 'read' },
      // Authenticates its list cursors (shared/http/cursor.ts).
      { key: 'cursors', access: 'mac' },
    ],
  },
  tenderDocuments: {
    description: 'Bidding documents: presigned uploads and their confirmation',
    entry: 'functions/tender-documents/handler.ts',
    trigger: http(tenderDocumentRoutes, throttles.write, { confirmDocument: throttles.documentHash }),
    grants: [
      { table: 'tenders', access: 'readWrite' },
      // Every procuring-entity call checks the caller's organisation is registered (http-handler).
      { table: 'parties', access: 'read' },
      { table: 'audit', access: 'append' },
      { bucket: 'documents', access: 'readWrite', prefix: 'tenders/' },
    ],
    // Confirming hashes the object itself when S3 kept no checksum (not on AWS, where the signed
    // checksum header is always stored); HTTP API gives up after 30 s.
    memoryMb: 1024,
    timeoutSeconds: 29,
  },
  tenderDocumentDownloads: {
    description: 'Public presigned downloads of published bidding documents',
    entry: 'functions/tender-documents/download-handler.ts',
    trigger: http(tenderDocumentDownloadRoutes, throttles.publicRead),
    grants: [
      { table: 'tenders', access: 'read' },
      { bucket: 'documents', access: 'read', prefix: 'tenders/' },
    ],
  },
  clarifications: {
    description: 'Clarification questions from contractors and answers from procuring entities',
    entry: 'functions/clarifications/handler.ts',
    trigger: http(clarificationRoutes, throttles.write, {
      listMyQuestions: throttles.signedInRead,
      listEntityQuestions: throttles.signedInRead,
    }),
    grants: [
      { table: 'tenders', access: 'readWrite' },
      // Only to find the caller's contractor record.
      { table: 'parties', access: 'read' },
      { table: 'audit', access: 'append' },
      // Authenticates its list cursors (shared/http/cursor.ts).
      { key: 'cursors', access: 'mac' },
    ],
  },
  sequencer: {
    description: 'Integrates audit events into the Merkle log, in order, off the request path',
    entry: 'functions/sequencer/handler.ts',
    // A submission surge's events reach the log no faster than the sequencer's invocations take
    // them: each pays a stream read, the last batch's write to the bucket and a pending-batch check,
    // so they are taken in as large a batch as one GetRecords gives (1,000), not Lambda's default 100.
    trigger: { kind: 'stream', table: 'audit', batchSize: 1000 },
    grants: [
      { table: 'log', access: 'readWrite' },
      { bucket: 'log', access: 'write', prefix: 'entries/' },
    ],
    timeoutSeconds: 60,
  },
  checkpointer: {
    description: 'Signs a checkpoint of the audit log every minute while it grows (KMS ECDSA P-256)',
    entry: 'functions/checkpointer/handler.ts',
    trigger: { kind: 'schedule', everyMinutes: 1 },
    grants: [
      // Read-write: it also finishes batches a crashed sequencer left out of the bucket.
      { table: 'log', access: 'readWrite' },
      { bucket: 'log', access: 'write', prefix: 'entries/' },
      { bucket: 'log', access: 'write', prefix: 'checkpoints/' },
      { key: 'log', access: 'sign' },
      { key: 'log', access: 'publicKey' },
    ],
    timeoutSeconds: 50,
  },
  oversight: {
    description: 'Auditors: event queries, entries with proofs, bundles; public checkpoints and log key',
    entry: 'functions/oversight/handler.ts',
    trigger: http(oversightRoutes, throttles.publicRead, {
      queryAuditEvents: throttles.signedInRead,
      getLogEntry: throttles.signedInRead,
      eventIntegration: throttles.signedInRead,
      exportAuditBundle: throttles.auditExport,
    }),
    grants: [
      { table: 'audit', access: 'read' },
      { table: 'log', access: 'read' },
      // Every procuring-entity call checks the caller's organisation is registered (http-handler).
      { table: 'parties', access: 'read' },
      { key: 'log', access: 'publicKey' },
      // Authenticates its list cursors (shared/http/cursor.ts).
      { key: 'cursors', access: 'mac' },
      // An opened tender's minutes name its bid events (shared/opening/bid-log-reveal.ts).
      { table: 'tenders', access: 'read' },
      { bucket: 'log', access: 'read', prefix: 'minutes/' },
    ],
    // Bundles re-read the log up to their checkpoint.
    memoryMb: 1024,
    timeoutSeconds: 29,
  },
  opener: {
    description: 'Opens the bids at the deadline (opening timers) and publishes the signed minutes',
    entry: 'functions/opener/handler.ts',
    // One opening per invocation: each gets the whole memory and timeout, whatever else is due.
    // Deadlines cluster, and each opener holds its slot through its prefetch lead.
    trigger: { kind: 'queue', queue: 'opening', batchSize: 1, maxConcurrency: 500 },
    grants: [
      { table: 'tenders', access: 'readWrite' },
      { table: 'bids', access: 'read' },
      // Contractor names for the minutes, and their submission signing keys.
      { table: 'parties', access: 'read' },
      { table: 'audit', access: 'append' },
      { table: 'notifications', access: 'write' },
      // The only function that may read sealed bids or unwrap a tender's opening key.
      { bucket: 'bids', access: 'read', prefix: 'tenders/' },
      { key: 'tenderKeys', access: 'decrypt' },
      { bucket: 'log', access: 'readWrite', prefix: 'minutes/' },
      { key: 'log', access: 'sign' },
      { key: 'log', access: 'publicKey' },
      // The minutes cite a fresh audit-log checkpoint (shared/audit-log publishCheckpoint).
      { table: 'log', access: 'readWrite' },
      { bucket: 'log', access: 'write', prefix: 'entries/' },
      { bucket: 'log', access: 'write', prefix: 'checkpoints/' },
      // Timers not yet due go round again; an opening starts the evaluation.
      { queue: 'opening', access: 'send' },
      { queue: 'evaluation', access: 'send' },
    ],
    memoryMb: 1024,
    timeoutSeconds: 60,
  },
  openingSafetyNet: {
    description: 'Queues the opening of every tender past its deadline and not yet opened',
    entry: 'functions/opening-safety-net/handler.ts',
    trigger: { kind: 'schedule', everyMinutes: 1 },
    grants: [
      { table: 'tenders', access: 'read' },
      { queue: 'opening', access: 'send' },
    ],
  },
  minutes: {
    description: 'Public opening minutes and, once awarded, the evaluation report',
    entry: 'functions/minutes/handler.ts',
    trigger: http(minutesRoutes, throttles.publicRead),
    grants: [
      { table: 'tenders', access: 'read' },
      { bucket: 'log', access: 'read', prefix: 'minutes/' },
      { bucket: 'log', access: 'read', prefix: 'evaluations/' },
    ],
  },
  evaluation: {
    description: "Evaluators' verdicts, scores and adjustments; two-envelope approval; ranking requests",
    entry: 'functions/evaluation/handler.ts',
    trigger: http(evaluationRoutes, throttles.write, {
      getEvaluation: throttles.signedInRead,
      getOwnEvaluationReport: throttles.signedInRead,
    }),
    grants: [
      { table: 'tenders', access: 'readWrite' },
      // Every procuring-entity call checks the caller's organisation is registered (http-handler).
      { table: 'parties', access: 'read' },
      { table: 'audit', access: 'append' },
      { bucket: 'log', access: 'read', prefix: 'minutes/' },
      { bucket: 'log', access: 'read', prefix: 'evaluations/' },
      // The approved compliant list opens the financial envelopes; a ranking request runs the method.
      { queue: 'opening', access: 'send' },
      { queue: 'evaluation', access: 'send' },
    ],
  },
  evaluationWorker: {
    description: 'Evaluation pipeline: starts after an opening, runs the method and stores the report',
    entry: 'functions/evaluation/worker.ts',
    trigger: { kind: 'queue', queue: 'evaluation', batchSize: 10, maxConcurrency: 5 },
    grants: [
      { table: 'tenders', access: 'readWrite' },
      { table: 'audit', access: 'append' },
      { bucket: 'log', access: 'read', prefix: 'minutes/' },
      { bucket: 'log', access: 'readWrite', prefix: 'evaluations/' },
      // To shorten a failed record's retry delay.
      { queue: 'evaluation', access: 'consume' },
    ],
    timeoutSeconds: 60,
  },
  awards: {
    description: 'Awards with their standstill, complaints and answers, contracts; public award notices',
    entry: 'functions/awards/handler.ts',
    trigger: http(awardRoutes, throttles.write, {
      listAwards: throttles.publicRead,
      listComplaints: throttles.publicRead,
    }),
    grants: [
      { table: 'tenders', access: 'readWrite' },
      { table: 'audit', access: 'append' },
      { table: 'notifications', access: 'write' },
      // Only a bidder on the lot may complain: the opening minutes name them; the account's contractor.
      { table: 'parties', access: 'read' },
      { bucket: 'log', access: 'read', prefix: 'minutes/' },
      { bucket: 'log', access: 'read', prefix: 'evaluations/' },
    ],
  },
  notifications: {
    description: "Following tenders, and each user's notifications",
    entry: 'functions/notifications/handler.ts',
    trigger: http(notificationRoutes, throttles.signedInRead, {
      followTender: throttles.write,
      unfollowTender: throttles.write,
    }),
    grants: [
      { table: 'notifications', access: 'readWrite' },
      { table: 'tenders', access: 'read' },
      // Every procuring-entity call checks the caller's organisation is registered (http-handler).
      { table: 'parties', access: 'read' },
    ],
  },
  notifier: {
    description: 'Fans each notification (outbox) out to bidders, followers and organisations',
    entry: 'functions/notifications/notifier.ts',
    // An inbox entry seconds later is as good: gathered for 10 s (or 100 events), so the fan-out of
    // a deadline's openings runs after them, not beside them.
    trigger: { kind: 'stream', table: 'notifications', batchSize: 100, batchingWindowSeconds: 10 },
    grants: [
      { table: 'notifications', access: 'readWrite' },
      // The tender's bidders, as its opening minutes name them.
      { table: 'tenders', access: 'read' },
      { bucket: 'log', access: 'read', prefix: 'minutes/' },
      { table: 'parties', access: 'read' },
    ],
    timeoutSeconds: 30,
  },
  bidUploads: {
    description:
      'Presigned uploads of sealed bid envelopes: size and SHA-256 fixed, no overwrite, expiring by the deadline',
    entry: 'functions/bid-uploads/handler.ts',
    trigger: http(bidUploadRoutes, throttles.bidSurge),
    grants: [
      // Only to check that the caller may bid on the lot before signing an upload for it.
      { table: 'parties', access: 'read' },
      { table: 'tenders', access: 'read' },
      // PutObject only, which presigned uploads are signed with: it can neither read nor list bids.
      { bucket: 'bids', access: 'write', prefix: 'tenders/' },
      // The caller's pseudonym on the tender, which the object key carries instead of its id.
      { key: 'bidders', access: 'mac' },
    ],
  },
  bidCommit: {
    description: 'Commits, replaces and withdraws sealed bids; signs their receipts',
    entry: 'functions/bid-commit/handler.ts',
    trigger: http(bidCommitRoutes, throttles.bidSurge, {
      withdrawBid: throttles.write,
      confirmBid: throttles.write,
    }),
    grants: [
      { table: 'bids', access: 'readWrite' },
      // Eligibility and signing keys; the tender, its lots and deadline.
      { table: 'parties', access: 'read' },
      { table: 'tenders', access: 'read' },
      // Each bid write holds only if the tender is still open when it commits (the opener closes it
      // before reading bids), without the right to change the tender.
      { table: 'tenders', access: 'check' },
      { table: 'audit', access: 'append' },
      // Size and stored checksum of envelopes, never their bytes: no s3:GetObject and no kms:Decrypt
      // on the bids bucket or the tender keys, so accepting bids cannot read one.
      { bucket: 'bids', access: 'attributes', prefix: 'tenders/' },
      { key: 'receipts', access: 'sign' },
      { key: 'receipts', access: 'publicKey' },
      // Receipt batches (docs/capacity.md P1): leaf hashes and batch signatures; no one else's.
      { table: 'receiptBatches', access: 'readWrite' },
      // Bids are stored under the bidder's pseudonym, receipts sealed for the bidder alone.
      { key: 'bidders', access: 'mac' },
    ],
  },
  bidQueries: {
    description:
      "Contractors' own bids and receipts; received bids for procuring entities after the deadline",
    entry: 'functions/bid-queries/handler.ts',
    trigger: http(bidQueryRoutes, throttles.signedInRead),
    grants: [
      { table: 'bids', access: 'read' },
      { table: 'parties', access: 'read' },
      { table: 'tenders', access: 'read' },
      // Finds and unseals the caller's own bids (and only the caller's: the key is its id).
      { key: 'bidders', access: 'mac' },
      // Authenticates its list cursors (shared/http/cursor.ts).
      { key: 'cursors', access: 'mac' },
      // A bidder's own bid events with their inclusion proofs (shared/bids/bid-log-events.ts).
      { table: 'log', access: 'read' },
    ],
  },
  receipts: {
    description: 'Publishes the public key that signs bid receipts',
    entry: 'functions/receipts/handler.ts',
    trigger: http(receiptRoutes, throttles.publicRead),
    grants: [{ key: 'receipts', access: 'publicKey' }],
  },
  ocds: {
    description: 'Open Contracting Data Standard 1.1 releases and records of published tenders',
    entry: 'functions/ocds/handler.ts',
    trigger: http(ocdsRoutes, throttles.rebuiltExport),
    grants: [
      { table: 'tenders', access: 'read' },
      // The buyer's profile and bidders' public register entries.
      { table: 'parties', access: 'read' },
      // Bidders and bids come only from the public opening minutes.
      { bucket: 'log', access: 'read', prefix: 'minutes/' },
      // Authenticates its list cursors (shared/http/cursor.ts).
      { key: 'cursors', access: 'mac' },
    ],
  },
  ocdsExport: {
    description:
      'Daily OCDS bulk export (compiled releases of every published tender, JSONL by month, for Athena) and the red flags over it',
    entry: 'functions/ocds-export/handler.ts',
    trigger: { kind: 'schedule', everyMinutes: 1440 },
    grants: [
      // What the compiled releases are built from, as for the ocds function.
      { table: 'tenders', access: 'read' },
      { table: 'parties', access: 'read' },
      { bucket: 'log', access: 'read', prefix: 'minutes/' },
      // Writes the parts and the manifest, reads them back for the red flags (no list, no delete).
      { bucket: 'exports', access: 'readWrite', prefix: 'exports/' },
      // The flags runs: rows, the current-run pointer, the replaced run's rows deleted.
      { table: 'flags', access: 'readWrite' },
    ],
    memoryMb: 1024,
    timeoutSeconds: 900,
  },
  ocdsExportNow: {
    description: 'Admins: the OCDS bulk export and red flags now (POST /ocds/exports), as the daily run',
    entry: 'functions/ocds-export/http-handler.ts',
    trigger: http(ocdsExportRoutes, throttles.auditExport),
    grants: [
      // What the compiled releases are built from, as for the ocds function.
      { table: 'tenders', access: 'read' },
      { table: 'parties', access: 'read' },
      { bucket: 'log', access: 'read', prefix: 'minutes/' },
      // Writes the parts and the manifest, reads them back for the red flags (no list, no delete).
      { bucket: 'exports', access: 'readWrite', prefix: 'exports/' },
      // The flags runs: rows, the current-run pointer, the replaced run's rows deleted.
      { table: 'flags', access: 'readWrite' },
    ],
    memoryMb: 1024,
    timeoutSeconds: 29,
  },
  oversightFlags: {
    description: 'Auditors: red flags of the last engine run over the OCDS bulk export',
    entry: 'functions/oversight-flags/handler.ts',
    trigger: http(oversightFlagRoutes, throttles.signedInRead),
    grants: [
      { table: 'flags', access: 'read' },
      // Authenticates its list cursors (shared/http/cursor.ts).
      { key: 'cursors', access: 'mac' },
    ],
  },
  ocdsChanges: {
    description: 'OCDS change feed: releases in audit-log order, the log position as cursor',
    entry: 'functions/ocds-feed/handler.ts',
    trigger: http(ocdsFeedRoutes, throttles.rebuiltExport),
    grants: [
      // Entries and the latest checkpoint, in log order.
      { table: 'log', access: 'read' },
      { table: 'tenders', access: 'read' },
      { table: 'parties', access: 'read' },
      { bucket: 'log', access: 'read', prefix: 'minutes/' },
    ],
  },
  incidents: {
    description: 'System incidents (Circular 79/2025 Art. 6): declared by admins, listed publicly',
    entry: 'functions/incidents/handler.ts',
    trigger: http(incidentRoutes, throttles.publicRead, { declareIncident: throttles.write }),
    grants: [
      // Incidents are stored beside the tenders they extend (shared/incidents/incident-store.ts);
      // this function writes only incident items, never a tender.
      { table: 'tenders', access: 'readWrite' },
      { table: 'audit', access: 'append' },
      // A declaration queues the finding of its affected tenders.
      { queue: 'outage', access: 'send' },
    ],
  },
  incidentWorker: {
    description: "Applies an incident's outage rule: finds the tenders closing in its window, extends each",
    entry: 'functions/incidents/worker.ts',
    trigger: { kind: 'queue', queue: 'outage', batchSize: 10, maxConcurrency: 5 },
    grants: [
      // The new closing time as a revision, the incident's progress and per-tender outcomes.
      { table: 'tenders', access: 'readWrite' },
      { table: 'audit', access: 'append' },
      // Bidders, followers and the buyer hear of the new closing time (outbox).
      { table: 'notifications', access: 'write' },
      // The opening timer at the new closing time.
      { queue: 'opening', access: 'send' },
      // One extension per affected tender; shortening a failed record's retry delay.
      { queue: 'outage', access: 'send' },
      { queue: 'outage', access: 'consume' },
    ],
    timeoutSeconds: 60,
  },
  kpiAggregator: {
    description:
      'Keeps the targets and KPIs aggregates in step with tenders and plans, from the audit stream',
    entry: 'functions/kpis/consumer.ts',
    // Figures for dashboards, not for the deadline: gathered for 20 s (or 500 events), one
    // recomputation per source for all of them, and out of the way of the openings at 09:00
    // (open-many: beside the openings, the aggregator made as many DynamoDB calls as the opener).
    trigger: { kind: 'stream', table: 'audit', batchSize: 500, batchingWindowSeconds: 20 },
    grants: [
      // Reads the source (tender or plan items) an event names; never writes it.
      { table: 'tenders', access: 'read' },
      { table: 'kpis', access: 'readWrite' },
    ],
    timeoutSeconds: 60,
  },
  kpis: {
    description: 'Targets and KPIs report, rolled up through the organisation hierarchy; CSV and XLSX',
    entry: 'functions/kpis/handler.ts',
    trigger: http(kpiRoutes, throttles.signedInRead, { exportKpiReport: throttles.auditExport }),
    grants: [
      { table: 'kpis', access: 'read' },
      // The organisation hierarchy (and the caller's organisation, checked by http-handler).
      { table: 'parties', access: 'read' },
    ],
    // The XLSX writer (exceljs) needs more than the default for a large report.
    memoryMb: 512,
    timeoutSeconds: 29,
    // 1 MB of the 1.4 MB bundle, and only an XLSX export uses it.
    lazyPackages: ['exceljs'],
  },
  openapi: {
    description: 'Serves the OpenAPI document generated from the route contracts',
    entry: 'functions/openapi/handler.ts',
    trigger: http(openApiRoutes, throttles.publicRead),
    grants: [],
    // Written by `npm run api:generate`: building it from the zod contracts at import took 220 ms.
    files: ['functions/openapi/openapi.json'],
  },
  procedures: {
    description: 'Procedure types and their legal numbers on this stage (GET /procedures)',
    entry: 'functions/procedures/handler.ts',
    trigger: http(procedureRoutes, throttles.publicRead),
    grants: [],
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof catalog;

export const functionSpecs: Record<string, FunctionSpec> = catalog;

export function httpRoutes(): RouteContract[] {
  return Object.values(functionSpecs).flatMap((spec) =>
    spec.trigger.kind === 'http' ? [...spec.trigger.routes] : [],
  );
}
