// How every function is bundled, shared by the CDK stacks (NodejsFunction) and the cold-start
// benchmark, so the benchmark measures exactly what is deployed.
//
// The AWS SDK v3 stays external: the nodejs24.x runtime ships it, and leaving it out keeps bundles
// small (cold start grows with bundle size). The price is that the runtime's SDK version is not
// pinned by us; nothing here relies on a feature newer than the runtime's SDK.
import { join } from 'node:path';

export const bundling = {
  format: 'esm',
  platform: 'node',
  target: 'node24',
  minify: true,
  sourcemap: false,
  treeShaking: true,
  external: ['@aws-sdk/*', '@smithy/*'],
  mainFields: ['module', 'main'],
  // ESM bundles of CommonJS dependencies need require(); this gives them one.
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  // Builtins whose ESM facade costs the cold start (see the shim).
  alias: { 'node:http': join(import.meta.dirname, 'node-http-shim.ts') },
} as const;
