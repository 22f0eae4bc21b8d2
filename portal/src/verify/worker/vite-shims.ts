// Vite plugin: in the browser, the log library's and the receipts check's `node:crypto` is the
// worker's shim (node-crypto.ts). Only those importers get it, so a stray node:crypto anywhere
// else in the portal still fails the build as it should.
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const shim = fileURLToPath(new URL('./node-crypto.ts', import.meta.url));
const importers = ['/shared/tlog/', '/shared/receipts/', '/portal/src/verify/worker/'];

export function verifyWorkerShims(): Plugin {
  return {
    name: 'eproc-verify-worker-shims',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== 'node:crypto' || !importer) return null;
      const path = importer.replace(/\\/g, '/');
      return importers.some((dir) => path.includes(dir)) ? shim : null;
    },
  };
}
