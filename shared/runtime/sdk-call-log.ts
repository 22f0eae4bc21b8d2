// The AWS SDK's loggerMiddleware runs on every call of every client: it copies the call's input
// and its whole output through the service schema's sensitive-field filter and hands both to the
// client's logger. We never give the SDK a logger (ours is Powertools', shared/runtime/logger.ts),
// so the SDK's is the no-op one and that work is thrown away: 30–40 % of the SDK's CPU on a
// 100-item Query (`npm run bench -- sdk-call`). Removing the middleware changes nothing else:
// errors still throw, metadata still arrives, tracing is separate middleware.

interface WithMiddlewareStack {
  readonly middlewareStack: { remove(toRemove: string): boolean };
}

export const SDK_CALL_LOG_MIDDLEWARE = 'loggerMiddleware';

/** The client, without the SDK's per-call log filtering. A DocumentClient needs it on its own. */
export function withoutSdkCallLog<T extends WithMiddlewareStack>(client: T): T {
  client.middlewareStack.remove(SDK_CALL_LOG_MIDDLEWARE);
  return client;
}
