// File names are shown to other people, so they must look like what they are: one rule (and one
// zod schema) refuses control, format and bidirectional characters, path separators, empty and
// over-long names with 400 INVALID_FILE_NAME naming the field, and stores names NFC. The sealing
// library holds bid document names to the same rule before it seals them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentEntity } from '../../shared/entities/tenders.ts';
import { checkFileName } from '../../shared/schemas/file-name-rule.ts';
import { InvalidInputError } from '../../shared/sealing/errors.ts';
import { openManifest } from '../../shared/sealing/open-bid.ts';
import { binding, openingKeys, sealToBytes } from '../sealing/envelope-fixtures.ts';
import { randomBytes } from '../sealing/stream-helpers.ts';
import { startTestCloud, type TestCloud } from '../support/local-cloud.ts';
import { createDraft, type Entity, procuringEntity, storedItem } from './fixtures.ts';

const nfc = 'Hồ sơ mời thầu - Chương V.pdf';
const nfd = nfc.normalize('NFD');
// "invoice<RLO>fdp.exe" displays as "invoiceexe.pdf".
const rightToLeftOverride = 'invoice\u202Efdp.exe';

const refused: [string, string][] = [
  ['a right-to-left override', rightToLeftOverride],
  ['a left-to-right embedding', 'a\u202Ab.pdf'],
  ['a pop directional formatting', 'a\u202Cb.pdf'],
  ['a first strong isolate', 'a\u2068b.pdf'],
  ['a pop directional isolate', 'a\u2069b.pdf'],
  ['a left-to-right mark', 'a\u200Eb.pdf'],
  ['a right-to-left mark', 'a\u200Fb.pdf'],
  ['an Arabic letter mark', 'a\u061Cb.pdf'],
  ['a zero-width space (other Cf)', 'a\u200Bb.pdf'],
  ['a byte order mark (other Cf)', '\uFEFFa.pdf'],
  ['a control character', 'a\u0007b.pdf'],
  ['a newline', 'a\nb.pdf'],
  ['a slash', '../../etc/passwd'],
  ['a backslash', '..\\windows\\system32.pdf'],
  ['only spaces', '   '],
  ['nothing', ''],
  // 'ệ' is 3 bytes in UTF-8: 84 of them and '.pdf' make 256 bytes in 88 characters.
  ['256 bytes', `${'ệ'.repeat(84)}.pdf`],
];

describe('the file-name rule', () => {
  it.each(refused)('refuses a name with %s', (_, name) => {
    expect('problem' in checkFileName(name)).toBe(true);
  });

  it('keeps Vietnamese names, trims them, and stores them NFC; 255 bytes is the most', () => {
    expect(checkFileName(nfd)).toEqual({ name: nfc });
    expect(checkFileName(`  ${nfc} `)).toEqual({ name: nfc });
    const longest = `${'ệ'.repeat(83)}a.pdfx`; // 249 + 6 = 255 bytes
    expect(new TextEncoder().encode(longest).length).toBe(255);
    expect(checkFileName(longest)).toEqual({ name: longest });
    // Bytes are counted after normalising: an NFD 'ệ' is 5 bytes, 3 once composed.
    expect(checkFileName(`${'ệ'.normalize('NFD').repeat(83)}a.pdfx`)).toEqual({ name: longest });
  });
});

describe('bidding document names through the API', () => {
  let cloud: TestCloud;
  let entity: Entity;
  let tenderId: string;
  beforeAll(async () => {
    cloud = await startTestCloud();
    entity = await procuringEntity(cloud);
    tenderId = (await createDraft(cloud, entity)).tenderId;
  });
  afterAll(() => cloud?.stop());

  const requestUpload = (fileName: unknown) =>
    cloud.call('POST', `/tenders/${tenderId}/documents`, {
      token: entity.token,
      body: { fileName, contentType: 'application/pdf', size: 100, sha256: 'a'.repeat(64) },
    });

  it('refuses each bad name with 400 INVALID_FILE_NAME naming body.fileName', async () => {
    for (const [what, name] of refused) {
      const response = await requestUpload(name);
      expect([what, response.status, response.body.code]).toEqual([what, 400, 'INVALID_FILE_NAME']);
      expect(response.body.errors).toEqual([
        expect.objectContaining({ field: 'body.fileName', code: 'INVALID_FILE_NAME' }),
      ]);
    }
  });

  it('stores an NFD name as NFC', async () => {
    const response = await requestUpload(nfd);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.document.fileName).toBe(nfc);
    const stored = await storedItem(
      'TABLE_TENDERS',
      documentEntity.pk({ tenderId }),
      documentEntity.sk({ documentId: response.body.document.documentId }),
    );
    expect(stored?.fileName).toBe(nfc);
    expect(stored?.fileName).not.toBe(nfd);
  });

  it('keeps a bad name among other bad fields as one of the errors, each with its own code', async () => {
    const response = await cloud.call('POST', `/tenders/${tenderId}/documents`, {
      token: entity.token,
      body: {
        fileName: rightToLeftOverride,
        contentType: 'application/pdf',
        size: 0,
        sha256: 'a'.repeat(64),
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'body.fileName', code: 'INVALID_FILE_NAME' }),
        expect.objectContaining({ field: 'body.size' }),
      ]),
    );
  });
});

describe('bid document names in the sealing library', () => {
  it('refuses a right-to-left override before sealing anything', async () => {
    const { pair } = await openingKeys();
    const documents = [{ name: rightToLeftOverride, contentType: 'application/pdf', bytes: randomBytes(10) }];
    await expect(sealToBytes({ publicKey: pair.publicKeyJwk, documents })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  it('seals an NFD name as NFC, so the opening minutes list it NFC', async () => {
    const { pair, openingKey } = await openingKeys();
    const documents = [{ name: nfd, contentType: 'application/pdf', bytes: randomBytes(10) }];
    const { envelope, sealed } = await sealToBytes({ publicKey: pair.publicKeyJwk, documents });
    const manifest = await openManifest(
      { openingKey, binding },
      envelope.slice(0, sealed.header.prefixLength),
    );
    expect(manifest.map((d) => d.name)).toEqual([nfc]);
  });
});
