// `npm start` as a user runs it, for the stop and restart tests: its own process (group leader,
// as a terminal's foreground job is), a port and data dir of its own, and what a user would use
// to act on it: its URL, tokens from its user pool as `npm run token` mints them, and signals.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenMinter } from '../../infra/local/token-minter.ts';
import type { LocalUserPool } from '../../infra/local/user-pool.ts';
import type { Role } from '../../shared/auth/roles.ts';

const root = join(import.meta.dirname, '..', '..');

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface NpmStart {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves with the API URL once `eproc is running at …` is printed; rejects if it exits first. */
  readonly running: Promise<string>;
  readonly exited: Promise<Exit>;
  stdout(): string;
  stderr(): string;
}

export function npmStart(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
  args: string[] = [],
): NpmStart {
  const child = spawn(
    process.execPath,
    [join(root, 'infra/local/start.ts'), '--port', String(port), '--data-dir', dataDir, ...args],
    {
      cwd: root,
      // Its own process group, like a job a shell starts: Ctrl-C there is SIGINT to this group.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR', ...env },
    },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const running = new Promise<string>((resolve, reject) => {
    const onData = () => {
      const url = /eproc is running at (\S+)/.exec(out)?.[1];
      if (url) {
        child.stdout?.off('data', onData);
        resolve(url);
      }
    };
    child.stdout?.on('data', onData);
    void exited.then((exit) =>
      reject(new Error(`npm start exited (${exit.code ?? exit.signal}) before running:\n${err}`)),
    );
  });
  running.catch(() => {});
  return { child, pid: child.pid as number, running, exited, stdout: () => out, stderr: () => err };
}

interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly state: string;
  readonly cmdline: string;
}

/** Every live (not zombie) process on the machine, from /proc. */
function processes(): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
      const [state, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || state === 'X') continue;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ');
      found.push({ pid: Number(name), ppid: Number(ppid), pgid: Number(pgid), state: state ?? '', cmdline });
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

/** Processes whose command line names the data dir: DynamoDB Local (-dbPath), moto (KMS state file), the orchestrator. */
export function processesUsing(dataDir: string): ProcessInfo[] {
  return processes().filter((p) => p.cmdline.includes(dataDir));
}

/** The process and everything below it. */
export function descendants(pid: number): ProcessInfo[] {
  const all = processes();
  const result: ProcessInfo[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    for (const p of all) {
      if (p.ppid === parent) {
        result.push(p);
        queue.push(p.pid);
      }
    }
  }
  return result;
}

export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** An HTTP client for a running `npm start`, with tokens from its user pool (what `npm run token` does). */
export async function client(url: string, dataDir: string) {
  const pool = JSON.parse(readFileSync(join(dataDir, 'user-pool.json'), 'utf8')) as LocalUserPool;
  const issuer = tokenMinter(pool);
  const token = (sub: string, role: Role, organisationId?: string) =>
    issuer.sign({ sub, roles: [role], ...(organisationId ? { organisationId } : {}) });
  async function call(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Left as text.
    }
    return { status: response.status, body };
  }
  return { token, call };
}
