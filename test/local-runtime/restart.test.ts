// `npm start` keeps its state between runs: DynamoDB items, S3 objects and KMS keys (so a tender
// key wrapped before a restart still unwraps after it); `--reset` starts clean.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DecryptCommand,
  EncryptCommand,
  GenerateMacCommand,
  GetPublicKeyCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { functionSpecs } from '../../functions/catalog.ts';
import { startLocalCloud } from '../../infra/local/local-cloud.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'eproc-restart-'));

async function start(reset = false) {
  const cloud = await startLocalCloud({
    catalog: functionSpecs,
    dataDir,
    reset,
    settings: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
  });
  const kms = new KMSClient({ endpoint: cloud.env.AWS_ENDPOINT_URL_KMS });
  const s3 = new S3Client({ endpoint: cloud.env.AWS_ENDPOINT_URL_S3, forcePathStyle: true });
  return { cloud, kms, s3 };
}

const registration = {
  name: 'Công ty Khởi động lại',
  enterpriseCode: '0512345678',
  address: { street: '1 Phố Huế', province: 'Hà Nội' },
  contacts: [{ name: 'A', email: 'a@example.vn' }],
  representatives: [{ name: 'B', title: 'Giám đốc' }],
};

describe('local state across restarts', () => {
  it('keeps items, objects and KMS keys after a restart, and forgets them with --reset', async () => {
    const first = await start(true);
    const token = await first.cloud.tokens.sign({ sub: 'restart-user', roles: ['contractor'] });
    const registered = await fetch(`${first.cloud.url}/contractors`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(registration),
    });
    expect(registered.status).toBe(201);
    const { contractorId } = (await registered.json()) as { contractorId: string };
    const bucket = first.cloud.env.BUCKET_DOCUMENTS as string;
    await first.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'tenders/x/doc', Body: 'hồ sơ mời thầu' }),
    );
    const wrapped = await first.kms.send(
      new EncryptCommand({
        KeyId: first.cloud.env.KEY_TENDER_KEYS_ID,
        Plaintext: Buffer.from('opening key'),
        EncryptionContext: { tenderId: 'T' },
      }),
    );
    // Bidder pseudonyms are MACs: a contractor's bids must be found under the same ones after a restart.
    const pseudonym = (kms: KMSClient) =>
      kms
        .send(
          new GenerateMacCommand({
            KeyId: first.cloud.env.KEY_BIDDERS_ID,
            MacAlgorithm: 'HMAC_SHA_256',
            Message: Buffer.from(contractorId),
          }),
        )
        .then((r) => Buffer.from(r.Mac ?? []).toString('hex'));
    const macBefore = await pseudonym(first.kms);
    const receiptsKey = first.cloud.env.KEY_RECEIPTS_ID as string;
    const publicBefore = await first.kms.send(new GetPublicKeyCommand({ KeyId: receiptsKey }));
    await first.cloud.stop();

    const second = await start();
    try {
      expect(second.cloud.env.KEY_RECEIPTS_ID).toBe(receiptsKey);
      const fetched = await fetch(`${second.cloud.url}/contractors/${contractorId}/eligibility`);
      expect(fetched.status).toBe(200);
      const object = await second.s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'tenders/x/doc' }));
      expect(await object.Body?.transformToString()).toBe('hồ sơ mời thầu');
      const unwrapped = await second.kms.send(
        new DecryptCommand({ CiphertextBlob: wrapped.CiphertextBlob, EncryptionContext: { tenderId: 'T' } }),
      );
      expect(Buffer.from(unwrapped.Plaintext ?? []).toString()).toBe('opening key');
      expect(await pseudonym(second.kms)).toBe(macBefore);
      const publicAfter = await second.kms.send(new GetPublicKeyCommand({ KeyId: receiptsKey }));
      expect(Buffer.from(publicAfter.PublicKey ?? []).equals(Buffer.from(publicBefore.PublicKey ?? []))).toBe(
        true,
      );
    } finally {
      await second.cloud.stop();
    }

    const third = await start(true);
    try {
      expect((await fetch(`${third.cloud.url}/contractors/${contractorId}/eligibility`)).status).toBe(404);
      expect(third.cloud.env.KEY_RECEIPTS_ID).not.toBe(receiptsKey);
    } finally {
      await third.cloud.stop();
    }
  }, 180_000);
});
