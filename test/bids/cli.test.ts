// The contractor CLI end to end, each command a real child process against the local cloud:
// make and register a key, pin the receipts key, seal a price form and a document, submit with
// progress, verify the receipt offline, replace, withdraw.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { procuringEntity, publishedTender, registeredContractor } from '../tenders/fixtures.ts';
import { bidItems, contains, sha256Hex, storedObject } from './fixtures.ts';

let cloud: TestCloud;
let dir: string;
beforeAll(async () => {
  cloud = await startTestCloud();
  dir = mkdtempSync(join(tmpdir(), 'eproc-cli-'));
});
afterAll(() => cloud?.stop());

const cli = join(import.meta.dirname, '..', '..', 'shared', 'cli', 'eproc.ts');

function eproc(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, 'bid', ...args], {
      cwd: dir,
      env: { ...process.env, EPROC_API: cloud.url, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('eproc bid', () => {
  it('keygen, register-key, receipt-key, seal, submit, verify-receipt, replace, withdraw', async () => {
    const entity = await procuringEntity(cloud);
    const tender = await publishedTender(cloud, entity);
    const lotId = tender.lots[0].lotId as string;
    const contractor = await registeredContractor(cloud);
    const env = { EPROC_TOKEN: contractor.token };

    const keygen = await eproc(['keygen', '--out', 'key.jwk']);
    expect(keygen.code, keygen.stderr).toBe(0);
    const publicJwk = JSON.parse(keygen.stdout);
    expect(publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: expect.any(String) });
    expect(publicJwk.d).toBeUndefined();
    expect(statSync(join(dir, 'key.jwk')).mode & 0o777).toBe(0o600);
    expect((await eproc(['keygen', '--out', 'key.jwk'])).code).toBe(2);

    const registered = await eproc(['register-key', '--key', 'key.jwk', '--label', 'CLI test'], env);
    expect(registered.code, registered.stderr).toBe(0);
    expect(registered.stdout.trim()).toBe(publicJwk.kid);
    expect((await eproc(['register-key', '--key', 'key.jwk'], env)).code).toBe(0);

    const pinned = await eproc(['receipt-key', '--out', 'receipts.pem']);
    expect(pinned.code, pinned.stderr).toBe(0);
    expect(readFileSync(join(dir, 'receipts.pem'), 'utf8')).toContain('BEGIN PUBLIC KEY');

    writeFileSync(
      join(dir, 'price.json'),
      JSON.stringify({
        currency: 'VND',
        price: 4_321_000_000,
        bidSecurity: { amount: 45_000_000 },
        validityDays: 120,
      }),
    );
    const document = Buffer.from('BẢN THUYẾT MINH BIỆN PHÁP THI CÔNG — nội dung mật. '.repeat(4000));
    writeFileSync(join(dir, 'thuyet-minh.pdf'), document);
    const sealed = await eproc(
      [
        'seal',
        '--tender',
        tender.tenderId,
        '--lot',
        lotId,
        '--price',
        'price.json',
        '--doc',
        'thuyet-minh.pdf',
        '--out',
        'bid.sealed',
      ],
      env,
    );
    expect(sealed.code, sealed.stderr).toBe(0);
    const envelope = readFileSync(join(dir, 'bid.sealed'));
    const description = JSON.parse(readFileSync(join(dir, 'bid.sealed.json'), 'utf8'));
    expect(description).toMatchObject({
      tenderId: tender.tenderId,
      lotId,
      contractorId: contractor.contractorId,
      size: envelope.length,
      sha256: sha256Hex(envelope),
      recipientKeyId: tender.openingPublicKey.keyId,
    });
    // Not a terminal: progress comes as plain lines on stderr, never on stdout.
    expect(sealed.stderr).toMatch(/sealing\s+100%/);
    expect(sealed.stderr).not.toContain('\r');

    const submitted = await eproc(['submit', '--key', 'key.jwk', '--receipts-key', 'receipts.pem'], env);
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(submitted.stderr).toMatch(/uploading\s+100%/);
    const result = JSON.parse(submitted.stdout);
    expect(result).toMatchObject({ action: 'bid.submitted', version: 1 });
    const receiptFile = join(dir, 'bid.sealed.receipt.json');
    const receipt = JSON.parse(readFileSync(receiptFile, 'utf8'));
    expect(receipt).toMatchObject({ bidId: result.bidId, envelopeSha256: description.sha256 });

    // Stored exactly as sealed, and nothing readable in it.
    const item = (await bidItems(tender.tenderId)).find((i) => i.bidId === result.bidId);
    const { bytes } = await storedObject(item!.envelopeKey, item!.envelopeVersionId);
    expect(sha256Hex(bytes)).toBe(description.sha256);
    expect(contains(bytes, Buffer.from('4321000000'))).toBe(false);
    expect(contains(bytes, document.subarray(0, 64))).toBe(false);

    // Submitting the same sealed file again is a retry: the same receipt, no second bid.
    const retried = await eproc(['submit', '--key', 'key.jwk', '--receipt', 'again.json'], env);
    expect(retried.code, retried.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'again.json'), 'utf8'))).toEqual(receipt);

    const verified = await eproc([
      'verify-receipt',
      '--receipt',
      'bid.sealed.receipt.json',
      '--public-key',
      'receipts.pem',
    ]);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toContain(`OK bid.submitted`);
    writeFileSync(
      join(dir, 'forged.json'),
      JSON.stringify({ ...receipt, receivedAt: '2020-01-01T00:00:00.000Z' }),
    );
    const forged = await eproc([
      'verify-receipt',
      '--receipt',
      'forged.json',
      '--public-key',
      'receipts.pem',
    ]);
    expect(forged.code).toBe(1);
    expect(forged.stdout).toContain('INVALID (bad-signature)');

    // A changed byte in the sealed file is caught before anything is sent.
    const corrupt = Buffer.from(envelope);
    corrupt[corrupt.length - 5] = (corrupt[corrupt.length - 5] as number) ^ 1;
    writeFileSync(join(dir, 'corrupt.sealed'), corrupt);
    writeFileSync(
      join(dir, 'corrupt.sealed.json'),
      JSON.stringify({ ...description, submission: undefined }),
    );
    const refused = await eproc(['submit', '--key', 'key.jwk', '--sealed', 'corrupt.sealed'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('SHA-256 changed');

    // Replace, then withdraw.
    writeFileSync(
      join(dir, 'price2.json'),
      JSON.stringify({
        currency: 'VND',
        price: 4_300_000_000,
        bidSecurity: { amount: 45_000_000 },
        validityDays: 120,
      }),
    );
    expect(
      (
        await eproc(
          [
            'seal',
            '--tender',
            tender.tenderId,
            '--lot',
            lotId,
            '--price',
            'price2.json',
            '--out',
            'v2.sealed',
            '--quiet',
          ],
          env,
        )
      ).code,
    ).toBe(0);
    const replaced = await eproc(
      ['submit', '--key', 'key.jwk', '--sealed', 'v2.sealed', '--replaces', result.bidId, '--quiet'],
      env,
    );
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stderr).toBe('');
    const second = JSON.parse(replaced.stdout);
    expect(second).toMatchObject({ action: 'bid.replaced', version: 2 });
    const withdrawn = await eproc(
      [
        'withdraw',
        '--tender',
        tender.tenderId,
        '--lot',
        lotId,
        '--bid',
        second.bidId,
        '--receipt',
        'withdrawal.json',
      ],
      env,
    );
    expect(withdrawn.code, withdrawn.stderr).toBe(0);
    const check = await eproc(['verify-receipt', 'withdrawal.json', '--public-key', 'receipts.pem']);
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toContain('OK bid.withdrawn');

    writeFileSync(join(dir, 'float.json'), JSON.stringify({ price: 1.5 }));
    const fraction = await eproc(
      ['seal', '--tender', tender.tenderId, '--lot', lotId, '--price', 'float.json'],
      env,
    );
    expect(fraction.code).toBe(2);
    expect(fraction.stderr).toContain('$.price');
  }, 120_000);

  it('seals and submits both envelopes of a two-envelope bid', async () => {
    const entity = await procuringEntity(cloud);
    const tender = await publishedTender(cloud, entity, { envelopeProcedure: 'two-envelope' });
    const lotId = tender.lots[0].lotId as string;
    const contractor = await registeredContractor(cloud);
    const env = { EPROC_TOKEN: contractor.token };
    expect((await eproc(['keygen', '--out', 'two.jwk'])).code).toBe(0);
    expect((await eproc(['register-key', '--key', 'two.jwk'], env)).code).toBe(0);
    writeFileSync(
      join(dir, 'technical.json'),
      JSON.stringify({ bidSecurity: { amount: 30_000_000 }, validityDays: 90 }),
    );
    writeFileSync(join(dir, 'financial.json'), JSON.stringify({ currency: 'VND', price: 1_990_000_000 }));
    const sealed = await eproc(
      [
        'seal',
        '--tender',
        tender.tenderId,
        '--lot',
        lotId,
        '--price',
        'technical.json',
        '--financial',
        'financial.json',
        '--out',
        'two.sealed',
        '--quiet',
      ],
      env,
    );
    expect(sealed.code, sealed.stderr).toBe(0);
    const description = JSON.parse(readFileSync(join(dir, 'two.sealed.json'), 'utf8'));
    expect(description.financial.sha256).toBe(sha256Hex(readFileSync(join(dir, 'two.sealed.financial'))));
    const submitted = await eproc(['submit', '--key', 'two.jwk', '--sealed', 'two.sealed', '--quiet'], env);
    expect(submitted.code, submitted.stderr).toBe(0);
    const receipt = JSON.parse(readFileSync(join(dir, 'two.sealed.receipt.json'), 'utf8'));
    expect(receipt).toMatchObject({
      envelopeSha256: description.sha256,
      financialEnvelopeSha256: description.financial.sha256,
    });
    const item = (await bidItems(tender.tenderId)).find((i) => i.bidId === receipt.bidId);
    expect(item?.financial).toMatchObject({ envelopeSha256: description.financial.sha256 });
  }, 60_000);
});
