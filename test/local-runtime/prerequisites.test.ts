import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('npm start without the local cloud prerequisites', () => {
  it('says in one line what is missing and how to install it, and exits non-zero', () => {
    // A PATH with node alone: no java, no moto_server.
    const result = spawnSync(process.execPath, [join(root, 'infra/local/start.ts'), '--port', '0'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: dirname(process.execPath), HOME: process.env.HOME ?? '/tmp' },
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('npm start:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Java 17.*apt-get install/);
  });
});
