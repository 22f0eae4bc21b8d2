// What the bundles get for `import ... from 'node:http'` (functions/bundling.ts, `alias`). An ESM
// import of a builtin makes Node build its ESM facade, which reads every export, and three of
// node:http's are lazy getters (WebSocket, CloseEvent, MessageEvent) that load undici: 20-50 ms
// of every cold start, paid for Powertools Tracer's patching of http and middy's STATUS_CODES.
// The module object, taken without the facade, and the plain exports read from it are all they
// need; an import of any other name fails the bundling, not a request.
const http = process.getBuiltinModule('node:http');
export default http;
export const {
  Agent,
  ClientRequest,
  IncomingMessage,
  METHODS,
  OutgoingMessage,
  STATUS_CODES,
  Server,
  ServerResponse,
  createServer,
  get,
  request,
  validateHeaderName,
  validateHeaderValue,
} = http;
