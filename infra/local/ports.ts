import { createServer } from 'node:net';
import { StartFailure } from './start-failure.ts';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts HTTP on the URL, or rejects after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${what} did not answer on ${url} within ${timeoutMs} ms: ${String(lastError)}`);
}

/** Fails with a one-line StartFailure when the API could not listen on `port` (0: any port). */
export function portUnavailable(port: number, error: NodeJS.ErrnoException): StartFailure {
  if (error.code === 'EADDRINUSE') return new StartFailure(`port ${port} is in use (try --port N)`);
  if (error.code === 'EACCES')
    return new StartFailure(`port ${port} needs privileges (try --port N above 1023)`);
  return new StartFailure(`cannot listen on port ${port}: ${error.message}`);
}

/** Checks up front, before the emulators start, that the API will be able to listen on `port`. */
export function assertPortFree(port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error) => reject(portUnavailable(port, error)));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}
