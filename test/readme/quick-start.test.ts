// The README's curl walkthrough, run as written against a running local cloud: a new user who
// follows it posts a tender, amends it, asks and answers a question and registers a contractor.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';

const root = join(import.meta.dirname, '..', '..');
let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(() => cloud?.stop());

function walkthrough(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Try it with curl'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README has no curl walkthrough');
  return block;
}

describe('README walkthrough', () => {
  it('runs as written and leaves a published, amended tender with a public answer', async () => {
    const unique = String(Date.now()).slice(-8);
    const script = walkthrough()
      .replace(/^API=.*$/m, `API=${cloud.url}`)
      // Codes must be unique in a database shared with other tests.
      .replace('"code":"HN-SXD"', `"code":"HN-SXD-${unique}"`)
      .replace('"enterpriseCode":"0101234567"', `"enterpriseCode":"07${unique}"`)
      .replace('-token -- contractor minh', `-token -- contractor minh-${unique}`);
    // Asynchronously: the API under test runs in this very process and must keep answering.
    const result = await promisify(execFile)(
      'bash',
      ['-euo', 'pipefail', '-c', `${script}\necho "TENDER=$TID"`],
      {
        cwd: root,
        env: { ...process.env, EPROC_DATA_DIR: cloud.dataDir },
        timeout: 120_000,
      },
    );
    const tenderId = /TENDER=(\w+)/.exec(result.stdout)?.[1];
    expect(tenderId).toMatch(/^[0-9A-Z]{26}$/);
  }, 150_000);

  it('shows the results of the walkthrough through the public API', async () => {
    const list = await cloud.call('GET', '/tenders?status=published&category=works&limit=100');
    const tender = list.body.items.find((t: any) => t.title === 'Cải tạo trường THCS Nguyễn Du');
    expect(tender).toBeDefined();
    const detail = await cloud.call('GET', `/tenders/${tender.tenderId}`);
    expect(detail.body.revisions.length).toBeGreaterThanOrEqual(2);
    expect(detail.body.description).toBe('Bổ sung hạng mục PCCC');
    const questions = await cloud.call('GET', `/tenders/${tender.tenderId}/questions`);
    expect(questions.body.items[0]).toMatchObject({ answer: 'Có, tối đa 30% giá trị gói thầu.' });
    expect(JSON.stringify(questions.body)).not.toContain('minh');
  });
});
