// How every function is bundled, shared by the CDK stacks (NodejsFunction) and the cold-start
// benchmark, so the benchmark measures exactly what is deployed.
//
// The AWS SDK v3 is bundled in, tree-shaken and minified, rather than left to the copy the
// nodejs24.x runtime ships: Node then reads one file instead of resolving and loading a few hundred
// in node_modules, which is the larger part of a cold start here (cold-start benchmark, same run:
// openapi 166 -> 125 ms, opener 389 -> 249 ms, bid commit 257 -> 198 ms; AWS's SDK team says the
// same: aws/aws-cdk#25492, and the SDK's Lambda cold-start post). It also pins the SDK version to
// the lockfile's, the one the tests ran against, instead of whatever the runtime has that day.
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';

export const bundling = {
  format: 'esm',
  platform: 'node',
  target: 'node24',
  minify: true,
  sourcemap: false,
  treeShaking: true,
  // Nothing is external but what the catalog deploys beside a bundle (`lazyPackages`).
  external: [] as string[],
  mainFields: ['module', 'main'],
  // ESM bundles of CommonJS dependencies need require(); this gives them one.
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  // Builtins whose ESM facade costs the cold start (see the shim).
  alias: { 'node:http': join(import.meta.dirname, 'node-http-shim.ts') },
} as const;

/**
 * The same options as esbuild's own build options, for the builds that run esbuild directly (the
 * local runtime's bundles, the cold-start benchmark), with the function's `lazyPackages` external:
 * they deploy beside the bundle, and here node_modules has them.
 */
export function esbuildOptions(lazyPackages: readonly string[] = []): BuildOptions & { metafile: true } {
  return {
    bundle: true,
    ...bundling,
    external: [...bundling.external, ...lazyPackages],
    mainFields: [...bundling.mainFields],
    banner: { js: bundling.banner },
    logLevel: 'error',
    metafile: true,
  };
}
