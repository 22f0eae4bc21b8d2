// No input gets a 5xx. A property-based fuzzer over every operation of /openapi.json: for each, a
// fixed-seed, bounded run of arbitrary requests (support/fuzz-requests.ts) against the real local
// cloud, with a little real state seeded first. Every answer must be below 500; every 4xx must be
// application/problem+json with a machine `code`; every 400 must name each bad field in
// `errors[].field`. One summary line (requests per status) is printed for the record.
// FUZZ_RUNS=<n> raises the runs per operation for a longer local hunt.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { type FuzzRequest, type Operation, operationsOf, requestFor } from './support/fuzz-requests.ts';
import { type FuzzState, seedFuzzState } from './support/fuzz-state.ts';
import type { JsonSchema } from './support/schema-arbitrary.ts';

const SEED = 20_250_601;
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
// Operations fuzzed at once: each is a sequential property run, together they keep the API busy.
const PARALLEL = 4;

let cloud: TestCloud;
let document: JsonSchema;
let state: FuzzState;
beforeAll(async () => {
  cloud = await startTestCloud();
  const served = await cloud.call('GET', '/openapi.json');
  expect(served.status).toBe(200);
  document = served.body;
  state = await seedFuzzState(cloud);
}, 180_000);
afterAll(() => cloud?.stop());

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly text: string;
}

async function send(request: FuzzRequest): Promise<Answer> {
  const response = await fetch(`${cloud.url}${request.target}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined && request.method !== 'GET' ? { body: request.body } : {}),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

/** Why an answer breaks the contract, or undefined when it keeps it. */
function violation(answer: Answer): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}`;
  if (answer.status < 400) return undefined;
  if (!/^application\/problem\+json/.test(answer.type)) return `a ${answer.status} that is ${answer.type}`;
  let problem: { code?: unknown; errors?: { field?: unknown }[] };
  try {
    problem = JSON.parse(answer.text);
  } catch {
    return `a ${answer.status} whose body is not JSON`;
  }
  if (typeof problem.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(problem.code)) {
    return `a ${answer.status} without a machine code`;
  }
  if (answer.status === 400) {
    const errors = problem.errors;
    if (!Array.isArray(errors) || errors.length === 0) return `a 400 ${problem.code} that names no field`;
    if (errors.some((e) => typeof e.field !== 'string' || e.field === '')) {
      return `a 400 ${problem.code} with an unnamed field`;
    }
  }
  return undefined;
}

async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

describe('every operation of the OpenAPI document', () => {
  it('answers any input without a 5xx, with problem+json and named fields for every 4xx', async () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThan(50);
    const counts = new Map<number, number>();
    const failures: string[] = [];
    const started = Date.now();

    await inPool(operations, PARALLEL, async (operation: Operation) => {
      // A seed of its own per operation (fixed: the same requests on every run).
      const seed = SEED + operations.indexOf(operation);
      const result = await fc.check(
        fc.asyncProperty(requestFor(operation, state, document), async (request) => {
          const answer = await send(request);
          counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1);
          const wrong = violation(answer);
          if (wrong) {
            throw new Error(
              `${operation.operationId}: ${wrong}\n  ${request.method} ${request.target.slice(0, 300)} as ${request.caller}` +
                `\n  headers ${JSON.stringify(request.headers).slice(0, 300)}\n  body ${String(request.body).slice(0, 300)}` +
                `\n  answer ${answer.text.slice(0, 300)}`,
            );
          }
        }),
        // No shrinking (each step is a request); the failing request is reported as generated.
        { seed, numRuns: RUNS, endOnFailure: true },
      );
      if (result.failed)
        failures.push(String((result.errorInstance as Error)?.message ?? result.counterexample));
    });

    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const byStatus = Object.fromEntries([...counts.entries()].sort(([a], [b]) => a - b));
    console.log(
      `openapi-fuzz: ${operations.length} operations, ${total} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${SEED}, by status ${JSON.stringify(byStatus)}, ${failures.length} operations failing`,
    );
    expect(failures).toEqual([]);
  }, 300_000);
});
