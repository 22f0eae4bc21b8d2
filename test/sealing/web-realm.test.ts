// Runs the library as a browser would get it: bundled by esbuild for platform "browser" and
// executed in a fresh JavaScript realm whose only host objects are Web APIs (no Buffer, no
// process, no require). A Node-only dependency would fail to bundle or fail here at run time.

import vm from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

let realm: vm.Context;

beforeAll(async () => {
  const result = await build({
    entryPoints: [new URL('../../shared/sealing/index.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'sealing',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const { crypto, TextEncoder, TextDecoder, ReadableStream, TransformStream, WritableStream } = globalThis;
  realm = vm.createContext({
    crypto,
    TextEncoder,
    TextDecoder,
    ReadableStream,
    TransformStream,
    WritableStream,
  });
  vm.runInContext(result.outputFiles[0]?.text ?? '', realm);
});

const roundtrip = `(async () => {
  const read = async (stream) => {
    const parts = []; const reader = stream.getReader();
    for (;;) { const { done, value } = await reader.read(); if (done) break; parts.push(value); }
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0; for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  };
  const once = (bytes) => new ReadableStream({ start(c) { c.enqueue(bytes); c.close(); } });
  const pair = await sealing.generateOpeningKeyPair();
  const openingKey = await sealing.importOpeningPrivateKey(pair.privateKeyPkcs8);
  const binding = { tenderId: 'T-1', lotId: 'L-1', contractorId: 'C-1' };
  const doc = new Uint8Array(5000).map((_, i) => i * 7);
  const sealed = await sealing.sealBid({ ...binding, tenderPublicKey: pair.publicKeyJwk, priceForm: { total: '12.50' },
    documents: [{ name: 'offer.pdf', contentType: 'application/pdf', size: doc.length, stream: once(doc) }], chunkSize: 1024 });
  const envelope = await read(sealed.stream);
  const { priceForm, header } = await sealing.openPriceForm({ openingKey, binding }, envelope);
  const part = header.documents[0];
  const opened = await read(await sealing.openDocument({ openingKey, binding, header, index: 0,
    ciphertext: once(envelope.slice(part.offset, part.offset + part.length)) }));
  const refused = await sealing.openPriceForm({ openingKey, binding: { ...binding, lotId: 'L-2' } }, envelope)
    .then(() => 'opened', (e) => e.code);
  const signer = await sealing.generateSigningKeyPair();
  const statement = { ...binding, envelopeSha256: await sealed.sha256Hex };
  const signature = await sealing.signSubmission(signer.privateKey, statement);
  return {
    priceForm, refused,
    documentIntact: opened.length === doc.length && opened.every((b, i) => b === doc[i]),
    verified: await sealing.verifySubmission(signer.publicKeyJwk, statement, signature),
    nodeGlobals: [typeof Buffer, typeof process, typeof require],
  };
})()`;

describe('shared/sealing in a browser-like realm', () => {
  it('seals, opens, refuses a wrong binding and signs with only Web APIs available', async () => {
    const result = await vm.runInContext(roundtrip, realm);
    expect(JSON.parse(JSON.stringify(result))).toEqual({
      priceForm: { total: '12.50' },
      refused: 'BINDING_MISMATCH',
      documentIntact: true,
      verified: true,
      nodeGlobals: ['undefined', 'undefined', 'undefined'],
    });
  });
});
