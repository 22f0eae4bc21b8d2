// CloudFront Functions (cloudfront-js-2.0) of the portal's distribution, as source text. Each is
// a plain `handler(event)`, so a test can run it in Node exactly as CloudFront would.
import { deployedApiBase, portalPageRoute } from './page-routes.ts';

/**
 * Default (bucket) behaviour: a page path becomes /index.html; anything else goes to the bucket as
 * asked, so a missing asset stays a 404 (no error-page rewrite that would answer 200 for it).
 */
export const spaRoutingCode = `function handler(event) {
  var request = event.request;
  if (${portalPageRoute.toString()}.test(request.uri)) request.uri = '/index.html';
  return request;
}`;

/** `/api/*` behaviour: the HTTP API's routes are its own paths, so the prefix goes. */
export const stripApiPrefixCode = `function handler(event) {
  var request = event.request;
  request.uri = request.uri.slice(${deployedApiBase.length}) || '/';
  return request;
}`;
