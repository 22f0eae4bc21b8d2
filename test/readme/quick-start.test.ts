// The README's walkthrough, run as written against a local cloud: a new user who follows it posts a
// tender, amends it, answers a question, seals and submits a bid with the CLI, evaluates, ranks,
// awards, answers a petition, records the contract and verifies the audit bundle offline. The
// commands come from README.md itself (its `sh` blocks of those sections); where the README waits
// for time to pass (`sleep N` on a line of its own), the test moves the cloud's clock by N seconds.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';

const root = join(import.meta.dirname, '..', '..');
const sections = [
  '## Try it with curl',
  '## Submit a sealed bid',
  '## Evaluate, award, petitions, contract',
  '## Audit: check the record offline',
];
let cloud: TestCloud;
let clockServer: Server;
let clockUrl: string;

beforeAll(async () => {
  // As `npm start` runs it (infra/local/local-settings.ts): the README's waits are sized for 1440×.
  cloud = await startTestCloud({ PERIOD_ACCELERATION: '1440' });
  // The README's `sleep N` becomes a call here: the cloud's clock moves N seconds (and its
  // scheduled functions run), as N seconds of waiting would.
  clockServer = createServer(async (request, response) => {
    const seconds = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('seconds'));
    await cloud.clock.advance(seconds * 1000);
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => clockServer.listen(0, '127.0.0.1', resolve));
  clockUrl = `http://127.0.0.1:${(clockServer.address() as AddressInfo).port}`;
}, 120_000);
afterAll(async () => {
  clockServer?.close();
  await cloud?.stop();
});

function walkthrough(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  return sections
    .map((heading) => {
      const start = readme.indexOf(`${heading}`);
      if (start < 0) throw new Error(`README has no section ${heading}`);
      const end = readme.indexOf('\n## ', start + heading.length);
      const blocks = [...readme.slice(start, end).matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
      if (blocks.length === 0) throw new Error(`README section ${heading} has no sh block`);
      return blocks.join('\n');
    })
    .join('\n');
}

describe('README walkthrough', () => {
  it('runs as written, from the tender to the offline audit verification', async () => {
    const unique = String(Date.now()).slice(-8);
    const script = walkthrough()
      .replace(/^API=.*$/m, `API=${cloud.url}`)
      .replace(/^sleep (\d+).*$/gm, `curl -sf -X POST "${clockUrl}/advance?seconds=$1"`)
      // Codes must be unique in a database shared with other tests.
      .replace('"code":"HN-SXD"', `"code":"HN-SXD-${unique}"`)
      .replace('"enterpriseCode":"0101234567"', `"enterpriseCode":"07${unique}"`)
      .replace('-token -- contractor minh', `-token -- contractor minh-${unique}`);
    expect(script).toContain('audit verify');
    // A fresh walkthrough folder, as a new user's (keygen never overwrites a key).
    rmSync(join(root, 'walkthrough'), { recursive: true, force: true });
    // Asynchronously: the API under test runs in this very process and must keep answering.
    const result = await promisify(execFile)(
      'bash',
      ['-euo', 'pipefail', '-c', `${script}\necho "TENDER=$TID"`],
      { cwd: root, env: { ...process.env, EPROC_DATA_DIR: cloud.dataDir }, timeout: 400_000 },
    );
    const tenderId = /TENDER=(\w+)/.exec(result.stdout)?.[1] as string;
    expect(tenderId).toMatch(/^[0-9A-Z]{26}$/);

    const detail = await cloud.call('GET', `/tenders/${tenderId}`);
    expect(detail.body.status).toBe('contracted');
    expect(detail.body.revisions.length).toBeGreaterThanOrEqual(2);
    expect(detail.body.description).toBe('Bổ sung hạng mục PCCC');
    const questions = await cloud.call('GET', `/tenders/${tenderId}/questions`);
    expect(questions.body.items[0]).toMatchObject({ answer: 'Có, tối đa 30% giá trị gói thầu.' });
    expect(JSON.stringify(questions.body)).not.toContain('minh');
    const complaints = await cloud.call('GET', `/tenders/${tenderId}/complaints`);
    expect(complaints.body.items).toEqual([expect.objectContaining({ status: 'answered', upheld: false })]);
    const awards = await cloud.call('GET', `/tenders/${tenderId}/awards`);
    expect(awards.body.items[0]).toMatchObject({
      rank: 1,
      status: 'contracted',
      contract: { value: '4350000000' },
    });
    // The offline verifier said so (exit 0 under `set -e`), with the bid's receipt checked too.
    expect(result.stdout).toMatch(
      /✓ receipt walkthrough\/bid\.sealed\.receipt\.json: event \w+ is entry \d+/,
    );
    expect(result.stdout).toMatch(/^OK in \d+ ms$/m);
  }, 500_000);
});
