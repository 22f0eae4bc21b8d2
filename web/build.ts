// Builds the web pages into web/dist: one esbuild bundle per page (plain ES modules, the sealing
// library included as is) and the static HTML/CSS. `npm start` runs it; so does the browser test.
// Run by hand: node web/build.ts
import { copyFileSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const webDir = import.meta.dirname;
export const defaultWebDist = join(webDir, 'dist');
const pages = ['tenders', 'tender', 'bid'];

/** Each file lands whole (written beside, then renamed), so a server reading dist never sees half of one. */
function writeAtomically(path: string, contents: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

export async function buildWeb(outDir: string = defaultWebDist): Promise<{ files: string[] }> {
  const result = await build({
    entryPoints: pages.map((page) => join(webDir, 'src', 'pages', `${page}.ts`)),
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // Browsers with ReadableStream/TransformStream, WebCrypto ECDH/HKDF and IndexedDB CryptoKeys.
    target: ['chrome111', 'firefox115', 'safari16.4'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const files: string[] = [];
  for (const file of result.outputFiles) {
    writeAtomically(file.path, file.contents);
    files.push(file.path);
  }
  const staticDir = join(webDir, 'static');
  for (const name of readdirSync(staticDir)) {
    const target = join(outDir, name);
    const temporary = `${target}.${process.pid}.tmp`;
    copyFileSync(join(staticDir, name), temporary);
    renameSync(temporary, target);
    files.push(target);
  }
  return { files };
}

if (import.meta.main) {
  const { files } = await buildWeb(process.argv[2]);
  process.stdout.write(`built ${files.length} files into ${dirname(files[0] ?? defaultWebDist)}\n`);
}
