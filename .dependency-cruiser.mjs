// Import rules, checked in `npm test` (test/architecture/import-rules.test.ts runs this config
// through dependency-cruiser's API; `npx depcruise shared functions infra` runs it by hand).
// Folder-level cycles (shared/opening ⇄ shared/awards, ...) are checked by that test from the same
// cruise: dependency-cruiser's own `circular` sees modules, not folders.
/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module must not reach itself through its imports: break the cycle, do not hide it.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-not-http',
      severity: 'error',
      comment:
        'Domain code throws domain errors (shared/errors/); only the HTTP wrapper and the handlers know HTTP. ' +
        'shared/cli is an HTTP client and may use the client side of shared/http.',
      from: { path: '^shared/', pathNot: '^shared/(http|cli)/' },
      to: { path: '^shared/http/' },
    },
    {
      name: 'platform-not-domain',
      severity: 'error',
      comment: 'Platform pieces (shared/platform, shared/errors, shared/db) know no domain module.',
      from: { path: '^shared/(platform|errors)/' },
      to: {
        path: '^shared/',
        pathNot: '^shared/(platform|errors|config|runtime|resources|db|storage|canonical)/',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
};
