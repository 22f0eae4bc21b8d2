// The verify page's worker runs shared/tlog on the browser's stand-ins for Node: node:crypto is the
// @noble shim and Buffer is the `buffer` package, patched where the library relies on Node's
// behaviour (buffer-global.ts). Here the same substitution runs in Node (vi.mock of both modules;
// `buffer/` is the package, not Node's builtin), on a bundle as GET /audit/bundle returned it from
// a local cloud (fixtures/audit-bundle.json, with that cloud's log key): it must pass as with the
// CLI, and a copy with one byte of one entry changed must be refused naming that entry. Before the
// patch of Buffer#equals the real bundle was refused as a "malformed bundle".
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('buffer', async () => await vi.importActual('buffer/'));
vi.mock('node:buffer', async () => await vi.importActual('buffer/'));
vi.mock('node:crypto', async () => await import('../../portal/src/verify/worker/node-crypto.ts'));

const nodeBuffer = globalThis.Buffer;
// Test files share the worker's module graph: an earlier file may have loaded these modules, and
// the real node:crypto, before the mocks above were registered. Fresh copies, on the mocks.
vi.resetModules();
const { Buffer: polyfill } = await import('../../portal/src/verify/worker/buffer-global.ts');
const { verifyBundleText } = await import('../../portal/src/verify/worker/run-verification.ts');
afterAll(() => {
  globalThis.Buffer = nodeBuffer;
  // Nor may the next file in this worker get modules loaded on the stand-ins.
  for (const name of ['buffer', 'node:buffer', 'node:crypto']) vi.doUnmock(name);
  vi.resetModules();
});

const fixture = JSON.parse(readFileSync(new URL('./fixtures/audit-bundle.json', import.meta.url), 'utf8'));
const text = JSON.stringify(fixture.bundle);

describe('the worker verification on the browser Buffer and crypto', () => {
  it('runs on the `buffer` package and the @noble shim, not on Node’s', async () => {
    const crypto = await import('node:crypto');
    expect(() => crypto.sign('sha256', new Uint8Array(1), 'no key')).toThrow(/not available in the browser/);
    expect(polyfill).not.toBe(nodeBuffer);
    expect(globalThis.Buffer).toBe(polyfill);
    // The behaviours the verifier relies on, as Node's Buffer has them.
    const bytes = Uint8Array.from([1, 2, 3]);
    expect(polyfill.from(bytes).equals(Uint8Array.from([1, 2, 3]))).toBe(true);
    expect(polyfill.from(bytes).equals(Uint8Array.from([1, 2, 4]))).toBe(false);
    expect(polyfill.from('-_8', 'base64url').toString('base64url')).toBe(
      nodeBuffer.from('-_8', 'base64url').toString('base64url'),
    );
    expect(polyfill.from([0, 0, 1, 2, 9]).subarray(1).readUInt32BE(0)).toBe(0x00010209);
  });

  it('passes a real bundle, as the CLI does', () => {
    const result = verifyBundleText(text, fixture.logKey);
    expect('outcome' in result && result.outcome).toMatchObject({
      ok: true,
      treeSize: fixture.bundle.entries.length,
      keyName: fixture.logKey.name,
    });
  });

  it('refuses a copy with one byte of one entry changed, naming that entry', () => {
    const seq = fixture.bundle.entries[3].seq as number;
    const at = text.indexOf(`{"seq":${seq},"event":`);
    const letter = text.indexOf('"action":"', at) + '"action":"'.length + 1;
    const bad =
      text.slice(0, letter) + String.fromCharCode(text.charCodeAt(letter) ^ 1) + text.slice(letter + 1);
    const result = verifyBundleText(bad, fixture.logKey);
    expect('outcome' in result && result.outcome).toMatchObject({
      ok: false,
      reason: 'leaf hash mismatch',
      place: { kind: 'entry', index: seq },
    });
  });
});
