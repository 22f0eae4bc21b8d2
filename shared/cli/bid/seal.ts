// `eproc bid seal`: seals a price form (JSON) and documents to the tender's published opening key,
// streaming: each document is read and sealed chunk by chunk into the envelope file, so a 200 MB
// document is never held in memory. Writes the envelope and its description (`<out>.json`).
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import type { JsonValue } from '../../canonical/canonical-json.ts';
import { financialBinding } from '../../opening/two-envelope.ts';
import { Contractor } from '../../parties/contractor-schemas.ts';
import {
  type BidBinding,
  jwkThumbprint,
  type P256PublicJwk,
  SealingError,
  sealBid,
} from '../../sealing/index.ts';
import { checkP256PublicJwk } from '../../sealing/jwk.ts';
import {
  CliError,
  call,
  connection,
  connectionOptions,
  expectStatus,
  readJson,
  required,
  runCommand,
} from './cli-support.ts';
import { collectAsYouStream } from './memory.ts';
import { byteProgress } from './progress.ts';
import { financialPath, SEALED_BID_FORMAT, writeSealedBid } from './sealed-file.ts';

const contentTypes: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.doc': 'application/msword',
  '.xls': 'application/vnd.ms-excel',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.txt': 'text/plain',
};

/** Amounts are integers in minor units: a fraction anywhere in the price form is a mistake. */
function checkPriceForm(value: unknown, path: string): void {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new CliError(
      `price form ${path}: ${value} is not a whole number (amounts are integers in minor units)`,
    );
  }
  if (value && typeof value === 'object') {
    for (const [key, nested] of Object.entries(value)) checkPriceForm(nested, `${path}.${key}`);
  }
}

/** As published with the tender ({keyId, jwk}), or a bare JWK from a file. */
const PublishedKey = z.union([z.object({ keyId: z.string(), jwk: z.unknown() }), z.looseObject({})]);

async function tenderKey(conn: ReturnType<typeof connection>, tenderId: string, file: string | undefined) {
  const published = file
    ? PublishedKey.parse(readJson(file, 'opening key'))
    : expectStatus(
        await call(conn, 'GET', `/tenders/${tenderId}`, { auth: false }),
        [200],
        'reading the tender',
        z.object({ openingPublicKey: PublishedKey.optional() }),
      ).openingPublicKey;
  if (!published) throw new CliError(`tender ${tenderId} has no opening key: it takes no sealed bids`);
  let jwk: ReturnType<typeof checkP256PublicJwk>;
  try {
    jwk = checkP256PublicJwk('jwk' in published ? published.jwk : published);
  } catch (error) {
    throw new CliError(`the opening key is not usable: ${(error as Error).message}`);
  }
  const keyId = await jwkThumbprint(jwk);
  if ('keyId' in published && published.keyId !== keyId) {
    throw new CliError(`the tender's opening key does not match its keyId (${published.keyId})`);
  }
  return { jwk, keyId };
}

/** Seals one envelope (a price form and documents, for one binding) into a file, streaming. */
async function sealToFile(
  binding: BidBinding,
  tenderPublicKey: P256PublicJwk,
  priceForm: JsonValue,
  documentPaths: readonly string[],
  out: string,
  showProgress: boolean,
): Promise<{ size: number; sha256: string }> {
  const documents = documentPaths.map((path) => {
    let size: number;
    try {
      size = statSync(path).size;
    } catch (error) {
      throw new CliError(`cannot read document ${path}: ${(error as Error).message}`);
    }
    return {
      name: basename(path),
      contentType: contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream',
      size,
      stream: Readable.toWeb(
        createReadStream(path, { highWaterMark: 1 << 16 }),
      ) as ReadableStream<Uint8Array>,
    };
  });
  let sealed: Awaited<ReturnType<typeof sealBid>>;
  try {
    sealed = await sealBid({ ...binding, tenderPublicKey, priceForm, documents });
  } catch (error) {
    if (error instanceof SealingError) throw new CliError(error.message);
    throw error;
  }
  const progress = byteProgress('sealing  ', sealed.size, process.stderr, showProgress);
  const collect = collectAsYouStream();
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      progress.advance(chunk.length);
      collect(chunk.length);
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(sealed.stream as never), counted, createWriteStream(out));
  progress.done();
  return { size: sealed.size, sha256: await sealed.sha256Hex };
}

export function sealCommand(args: readonly string[]): Promise<number> {
  return runCommand('seal', async () => {
    const { values } = parseArgs({
      args: [...args],
      options: {
        ...connectionOptions,
        tender: { type: 'string' },
        lot: { type: 'string' },
        contractor: { type: 'string' },
        price: { type: 'string' },
        doc: { type: 'string', multiple: true, default: [] },
        // Two-envelope tenders: the financial envelope's form and documents.
        financial: { type: 'string' },
        'financial-doc': { type: 'string', multiple: true, default: [] },
        out: { type: 'string', default: 'bid.sealed' },
        'opening-key': { type: 'string' },
        quiet: { type: 'boolean', default: false },
      },
    });
    required(values, 'tender', 'lot', 'price');
    const conn = connection(values);
    const tenderId = values.tender as string;
    const lotId = values.lot as string;
    const contractorId =
      values.contractor ??
      expectStatus(
        await call(conn, 'GET', '/me/contractor'),
        [200],
        'reading your contractor profile',
        Contractor,
      ).contractorId;
    const priceForm = readJson(values.price as string, 'price form') as JsonValue;
    checkPriceForm(priceForm, '$');
    const financialForm = values.financial
      ? (readJson(values.financial, 'financial form') as JsonValue)
      : undefined;
    if (financialForm !== undefined) checkPriceForm(financialForm, '$');
    const key = await tenderKey(conn, tenderId, values['opening-key']);
    const binding = { tenderId, lotId, contractorId };

    const main = await sealToFile(binding, key.jwk, priceForm, values.doc, values.out, !values.quiet);
    const financial =
      financialForm === undefined
        ? undefined
        : await sealToFile(
            financialBinding(binding),
            key.jwk,
            financialForm,
            values['financial-doc'],
            financialPath(values.out),
            !values.quiet,
          );
    writeSealedBid(values.out, {
      format: SEALED_BID_FORMAT,
      ...binding,
      ...main,
      ...(financial ? { financial } : {}),
      recipientKeyId: key.keyId,
      sealedAt: new Date().toISOString(),
    });
    process.stdout.write(
      `${JSON.stringify({ envelope: values.out, ...main, ...(financial ? { financial: { envelope: financialPath(values.out), ...financial } } : {}) })}\n`,
    );
  });
}
