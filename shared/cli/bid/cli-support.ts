// What every `eproc bid` command shares: where the API is and who calls it, JSON calls read with
// the routes' own response schemas, problem+json answers turned into one readable line, and
// errors that end the command with exit code 2.
import { readFileSync, writeFileSync } from 'node:fs';
import type * as z from 'zod';
import { fetchWithRetry } from '../../http/client-retry.ts';

/** A command that cannot run as asked (bad arguments, unreadable files, refused calls): exit 2. */
export class CliError extends Error {}

export interface Connection {
  readonly api: string;
  readonly token: string | undefined;
}

export function connection(values: { api?: string | undefined; token?: string | undefined }): Connection {
  const api = (values.api ?? process.env.EPROC_API ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  return { api, token: values.token ?? process.env.EPROC_TOKEN };
}

export const connectionOptions = {
  api: { type: 'string' },
  token: { type: 'string' },
} as const;

export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
}

export async function call(
  conn: Connection,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; auth?: boolean } = {},
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.auth !== false) {
    if (!conn.token) throw new CliError('no token: pass --token or set EPROC_TOKEN');
    headers.authorization = `Bearer ${conn.token}`;
  }
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    // A busy or briefly failing service (503, 429) is asked again after its Retry-After, the same
    // request with the same Idempotency-Key: a commit whose answer was lost returns its receipt.
    response = await fetchWithRetry(
      `${conn.api}${path}`,
      { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) },
      {
        attempts: 6,
        onRetry: (status, waitMs) =>
          process.stderr.write(`${method} ${path}: ${status}, retrying in ${Math.ceil(waitMs / 1000)} s\n`),
      },
    );
  } catch (error) {
    throw new CliError(`cannot reach ${conn.api}: ${(error as Error).message}`);
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Left as text.
  }
  return { status: response.status, body };
}

interface Problem {
  readonly code?: string;
  readonly detail?: string;
  readonly errors?: readonly { field: string; message: string }[];
}

/** The body of an answer with one of the `ok` statuses, read with `schema`; else why it failed. */
export function expectStatus<T extends z.ZodType>(
  answer: ApiAnswer,
  ok: readonly number[],
  doing: string,
  schema: T,
): z.infer<T> {
  if (ok.includes(answer.status)) {
    const parsed = schema.safeParse(answer.body);
    if (!parsed.success) throw new CliError(`${doing}: unexpected answer: ${parsed.error.message}`);
    return parsed.data;
  }
  const problem = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as Problem;
  const what =
    problem.detail ?? (typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  const fields = problem.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
  const code = problem.code ? ` ${problem.code}` : '';
  throw new CliError(
    `${doing} failed (${answer.status}${code}): ${what}${fields && !what.includes(fields) ? ` [${fields}]` : ''}`,
  );
}

export function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${what} ${path} is not JSON: ${(error as Error).message}`);
  }
}

export function writeJson(path: string, value: unknown, mode?: number): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, mode === undefined ? {} : { mode });
}

export function required(values: Record<string, unknown>, ...names: string[]): void {
  const missing = names.filter((n) => values[n] === undefined || values[n] === '');
  if (missing.length > 0) throw new CliError(`missing ${missing.map((n) => `--${n}`).join(', ')}`);
}

/** Runs a command body: a CliError prints one line and exits 2; a body returning false exits 1. */
export async function runCommand(name: string, body: () => Promise<unknown>): Promise<number> {
  try {
    return (await body()) === false ? 1 : 0;
  } catch (error) {
    if (error instanceof CliError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`eproc bid ${name}: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}
