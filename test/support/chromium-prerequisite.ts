// The browser tests drive Debian's Chromium. `npm test` installs it when it is missing and it can
// (root, apt-get present), so a fresh clone's `npm test` passes without reading the
// prerequisites; otherwise it says, in one line, the command to run, and every browser test fails
// with that same line (test/support/browser.ts) instead of the rest of the suite failing with it.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

export const chromiumPath = '/usr/bin/chromium';

/** What the machine offers; real by default, replaced in the tests of the decision. */
export interface Machine {
  isExecutable(path: string): boolean;
  /** The process's uid, or undefined where there is none (Windows). */
  uid(): number | undefined;
  hasCommand(name: string): boolean;
  /** Runs a command with its output shown (the install can take a minute); returns its exit status. */
  run(command: string, args: readonly string[]): number;
}

export const realMachine: Machine = {
  isExecutable(path) {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  uid: () => process.getuid?.(),
  hasCommand: (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0,
  run(command, args) {
    // stderr only: the test run's stdout stays the reporter's.
    const result = spawnSync(command, args, { stdio: ['ignore', process.stderr, process.stderr] });
    return result.error ? 127 : (result.status ?? 1);
  },
};

// Waits for dpkg's lock rather than failing when another apt run (another test run) holds it.
const aptOptions = ['-o', 'DPkg::Lock::Timeout=300'];
export const installSteps: readonly (readonly string[])[] = [
  ['apt-get', ...aptOptions, 'update', '-qq'],
  ['apt-get', ...aptOptions, 'install', '-y', '-qq', 'chromium'],
];
const installCommand = 'apt-get update && apt-get install -y chromium';

export type ChromiumPlan =
  | { readonly kind: 'present' }
  | { readonly kind: 'install' }
  | { readonly kind: 'missing'; readonly line: string };

/** What to do about Chromium on this machine, without doing it. */
export function planChromium(machine: Machine): ChromiumPlan {
  if (machine.isExecutable(chromiumPath)) return { kind: 'present' };
  const root = machine.uid() === 0;
  const apt = machine.hasCommand('apt-get');
  if (root && apt) return { kind: 'install' };
  const command = root ? installCommand : `sudo sh -c '${installCommand}'`;
  const why = apt ? 'not running as root' : 'no apt-get here';
  return {
    kind: 'missing',
    line: `Chromium is missing (${chromiumPath}) and npm test cannot install it (${why}): run \`${command}\`${apt ? '' : ' or install Chromium at that path'}, then npm test again; the browser tests fail until then`,
  };
}

/**
 * Makes Chromium present if it can. Returns undefined when it is there (found or installed), else
 * the one line that says why not and what to run.
 */
export function ensureChromium(
  machine: Machine = realMachine,
  say: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): string | undefined {
  const plan = planChromium(machine);
  if (plan.kind === 'present') return undefined;
  if (plan.kind === 'missing') return plan.line;
  say(`npm test: Chromium is missing (${chromiumPath}); installing Debian's package (${installCommand})…`);
  for (const [command, ...args] of installSteps) {
    const status = machine.run(command as string, args);
    if (status !== 0) {
      return `Chromium is missing (${chromiumPath}) and \`${[command, ...args].join(' ')}\` failed (exit ${status}): run \`${installCommand}\` by hand, then npm test again; the browser tests fail until then`;
    }
  }
  if (!machine.isExecutable(chromiumPath)) {
    return `Chromium is still missing at ${chromiumPath} after \`${installCommand}\`: install a Chromium there, then npm test again; the browser tests fail until then`;
  }
  return undefined;
}

/** The line a browser test fails with: the global setup's, else what a missing binary means. */
export function chromiumMissingLine(): string | undefined {
  const fromSetup = process.env.EPROC_CHROMIUM_MISSING;
  if (fromSetup) return fromSetup;
  const plan = planChromium(realMachine);
  if (plan.kind === 'present') return undefined;
  return plan.kind === 'missing'
    ? plan.line
    : `Chromium is missing (${chromiumPath}): run \`${installCommand}\``;
}
