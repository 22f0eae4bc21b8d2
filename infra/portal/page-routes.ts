// The portal's own page paths: `/`, and everything under a language (`/vi/…`, `/en/…`). They are
// answered with index.html (the router takes over in the browser); any other path is a file or
// nothing. The local runtime (infra/local/portal-files.ts) and CloudFront's viewer-request
// function (infra/portal/edge-functions.ts) both route by this one pattern.
export const portalPageRoute = /^\/(?:(?:vi|en)(?:\/.*)?)?$/;

/** Where the deployed portal reaches the API: CloudFront's `/api/*` behaviour (portal-stack.ts). */
export const deployedApiBase = '/api';
