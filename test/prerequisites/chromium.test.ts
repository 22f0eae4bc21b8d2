// How `npm test` decides about Chromium, on pretend machines (never by uninstalling it): found,
// installed with apt-get as root, or one line with the command when it cannot install it; an
// install that fails or leaves no binary says so too.
import { describe, expect, it } from 'vitest';
import {
  chromiumPath,
  ensureChromium,
  installSteps,
  type Machine,
  planChromium,
} from '../support/chromium-prerequisite.ts';

function machine(options: {
  chromium?: boolean;
  uid?: number | undefined;
  apt?: boolean;
  /** Exit status per apt-get step; installing succeeds and puts the binary there when all are 0. */
  statuses?: number[];
  installPutsBinary?: boolean;
}) {
  let present = options.chromium ?? false;
  const ran: string[][] = [];
  const m: Machine = {
    isExecutable: (path) => path === chromiumPath && present,
    uid: () => ('uid' in options ? options.uid : 0),
    hasCommand: (name) => name === 'apt-get' && (options.apt ?? true),
    run(command, args) {
      ran.push([command, ...args]);
      const status = options.statuses?.[ran.length - 1] ?? 0;
      if (status === 0 && ran.length === installSteps.length && (options.installPutsBinary ?? true))
        present = true;
      return status;
    },
  };
  return { m, ran };
}

describe('Chromium prerequisite', () => {
  it('does nothing when Chromium is there', () => {
    const { m, ran } = machine({ chromium: true, uid: 1000, apt: false });
    expect(planChromium(m)).toEqual({ kind: 'present' });
    expect(ensureChromium(m, () => {})).toBeUndefined();
    expect(ran).toEqual([]);
  });

  it("installs Debian's package as root with apt-get: update, then install, waiting for the dpkg lock", () => {
    const { m, ran } = machine({ uid: 0 });
    const said: string[] = [];
    expect(planChromium(m)).toEqual({ kind: 'install' });
    expect(ensureChromium(m, (line) => said.push(line))).toBeUndefined();
    expect(ran.map((step) => step.join(' '))).toEqual([
      'apt-get -o DPkg::Lock::Timeout=300 update -qq',
      'apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium',
    ]);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('installing');
  });

  it('says in one line what to run when not root, and installs nothing', () => {
    const { m, ran } = machine({ uid: 1000 });
    const line = ensureChromium(m, () => {});
    expect(line).toBe(
      "Chromium is missing (/usr/bin/chromium) and npm test cannot install it (not running as root): run `sudo sh -c 'apt-get update && apt-get install -y chromium'`, then npm test again; the browser tests fail until then",
    );
    expect(line).not.toContain('\n');
    expect(ran).toEqual([]);
  });

  it('says so when there is no apt-get, even as root', () => {
    const { m, ran } = machine({ uid: 0, apt: false });
    const line = ensureChromium(m, () => {});
    expect(line).toMatch(
      /cannot install it \(no apt-get here\): run `apt-get update && apt-get install -y chromium` or install Chromium at that path/,
    );
    expect(ran).toEqual([]);
  });

  it('treats a machine without uids (not POSIX) as not root', () => {
    const { m } = machine({ uid: undefined });
    expect(planChromium(m)).toMatchObject({ kind: 'missing' });
  });

  it('stops at a failed step and names it with its exit status', () => {
    const { m, ran } = machine({ uid: 0, statuses: [100] });
    const line = ensureChromium(m, () => {});
    expect(ran).toHaveLength(1);
    expect(line).toMatch(
      /`apt-get -o DPkg::Lock::Timeout=300 update -qq` failed \(exit 100\): run `apt-get update && apt-get install -y chromium` by hand/,
    );
  });

  it('says so when the install succeeded but left no binary at the path', () => {
    const { m } = machine({ uid: 0, installPutsBinary: false });
    expect(ensureChromium(m, () => {})).toMatch(/still missing at \/usr\/bin\/chromium/);
  });
});
