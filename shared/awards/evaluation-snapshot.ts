// Validation once, where the evaluation input becomes whole: the ranking request. Verdicts, scores
// and adjustments are stored entry by entry as evaluators enter them (functions/evaluation
// handler.ts recordEntry), and prices come with the minutes; a single entry cannot be checked as
// part of a bid (a sheet is incomplete until its evaluator has scored every criterion; with two
// envelopes the price arrives after the technical entries). So the request assembles the input,
// validates it (every per-bid and cross-bid rule, plus one currency for all prices), and stores it
// under the request with its SHA-256 in the evaluation record; the worker reads that back, checks
// the hash and ranks it with rankValidated, without validating again, and exactly what the
// request checked (an entry made meanwhile moves the stage on, which makes the request stale).
import { GetObjectCommand, PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { canonicalJson } from '../canonical/canonical-json.ts';
import { resources } from '../config/settings.ts';
import {
  checkEvaluation,
  type EvaluationInput,
  readBackValidated,
  type ValidatedEvaluation,
} from '../evaluation/index.ts';
import type { Minutes } from '../opening/minutes-schema.ts';
import { sha256Hex } from '../platform/sha256-hex.ts';
import { s3 } from '../storage/s3.ts';
import type { Tender } from '../tenders/tender-schemas.ts';
import { buildEvaluationInput, evaluableBids } from './evaluation-input.ts';
import type { EvaluationEntries } from './evaluation-store.ts';

export const INPUT_FORMAT = 'eproc-evaluation-input-v1';

/** Where a request's validated input is stored, and the hash the worker checks it against. */
export interface StoredInputRef {
  readonly objectKey: string;
  readonly sha256: string;
}

export const inputObjectKey = (tenderId: string, requestId: string) =>
  `evaluations/${tenderId}/${requestId}.input.json`;

export type PreparedEvaluation =
  | {
      readonly ok: true;
      /** The input as assembled (JSON-safe), what is stored and what the report document carries. */
      readonly input: EvaluationInput;
      readonly validated: ValidatedEvaluation;
      readonly minutesSha256: string;
    }
  | { readonly ok: false; readonly errors: { readonly field: string; readonly message: string }[] };

/**
 * Assembles and validates the evaluation input. Errors name the field as `evaluation.bids.<bidId>…`
 * (the bid's id rather than its position, which means nothing to the caller).
 */
export function prepareEvaluation(
  tender: Pick<Tender, 'currency' | 'evaluation'>,
  priced: Minutes,
  entries: EvaluationEntries,
): PreparedEvaluation {
  const input = buildEvaluationInput(tender, priced, entries);
  const errors: { field: string; message: string }[] = [];
  // The schema has one currency per evaluation; the minutes carry one per price.
  for (const bid of evaluableBids(priced)) {
    if (bid.price && bid.price.currency !== tender.currency) {
      errors.push({
        field: `evaluation.bids.${bid.bidId}.price`,
        message: `the price is in ${bid.price.currency}, not in the tender's currency ${tender.currency}`,
      });
    }
  }
  const checked = checkEvaluation(input);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const [first, index, ...rest] = issue.path;
      const bidId = first === 'bids' && typeof index === 'number' ? input.bids[index]?.bidId : undefined;
      const field = bidId ? ['bids', bidId, ...rest].join('.') : issue.path.join('.');
      errors.push({ field: `evaluation.${field}`, message: issue.message });
    }
  }
  if (errors.length > 0 || !checked.success) return { ok: false, errors };
  return { ok: true, input, validated: checked.data, minutesSha256: sha256Hex(canonicalJson(priced)) };
}

/** Writes an object once: a rerun writes the same bytes or finds them there. */
export async function storeOnce(key: string, body: string): Promise<void> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: resources.bucket('log'),
        Key: key,
        Body: body,
        ContentType: 'application/json',
        IfNoneMatch: '*',
        ChecksumAlgorithm: 'SHA256',
      }),
    );
  } catch (error) {
    const exists =
      error instanceof S3ServiceException &&
      (error.$metadata.httpStatusCode === 412 || error.name === 'PreconditionFailed');
    if (!exists) throw error;
  }
}

interface InputDocument {
  readonly format: typeof INPUT_FORMAT;
  readonly tenderId: string;
  readonly requestId: string;
  readonly minutesSha256: string;
  readonly input: EvaluationInput;
}

/** Stores the validated input of one ranking request; the returned ref goes in the evaluation record. */
export async function storeValidatedInput(
  tenderId: string,
  requestId: string,
  prepared: Extract<PreparedEvaluation, { ok: true }>,
): Promise<StoredInputRef> {
  const document: InputDocument = {
    format: INPUT_FORMAT,
    tenderId,
    requestId,
    minutesSha256: prepared.minutesSha256,
    input: prepared.input,
  };
  const body = canonicalJson(document);
  const objectKey = inputObjectKey(tenderId, requestId);
  await storeOnce(objectKey, body);
  return { objectKey, sha256: sha256Hex(body) };
}

export interface ReadInput {
  readonly input: EvaluationInput;
  readonly validated: ValidatedEvaluation;
  readonly minutesSha256: string;
}

/**
 * Reads back what storeValidatedInput stored for this request, refusing bytes whose SHA-256 is not
 * the one recorded with the request (only then is it known to be what was validated).
 */
export async function readValidatedInput(
  tenderId: string,
  requestId: string,
  ref: StoredInputRef,
): Promise<ReadInput> {
  const object = await s3.send(new GetObjectCommand({ Bucket: resources.bucket('log'), Key: ref.objectKey }));
  const text = await (object.Body as { transformToString(): Promise<string> }).transformToString();
  if (sha256Hex(text) !== ref.sha256) {
    throw new Error(`evaluation input ${ref.objectKey} does not match the SHA-256 recorded with its request`);
  }
  const document = JSON.parse(text) as InputDocument;
  if (
    document.format !== INPUT_FORMAT ||
    document.tenderId !== tenderId ||
    document.requestId !== requestId
  ) {
    throw new Error(`evaluation input ${ref.objectKey} is not the one stored for request ${requestId}`);
  }
  return {
    input: document.input,
    validated: readBackValidated(document.input),
    minutesSha256: document.minutesSha256,
  };
}
