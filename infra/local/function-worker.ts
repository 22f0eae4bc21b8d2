// One worker thread per function: its own module state and only the environment variables of the
// resources it was granted, as a separate Lambda function would have.
import { flushCompileCache } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { isResourceVariable } from '../../shared/resources/env-names.ts';

interface Invocation {
  readonly id: number;
  readonly event: unknown;
  readonly requestId: string;
}

const { entry, functionName, timeoutMs, clockBuffer } = workerData as {
  entry: string;
  functionName: string;
  timeoutMs: number;
  clockBuffer?: SharedArrayBuffer;
};
// The local cloud's movable clock (local-clock.ts), before the handler reads any time.
const { installSharedClock } = await import('./local-clock.ts');
let restoreClock = clockBuffer ? installSharedClock(clockBuffer) : () => {};
// Local fault injection (infra/local/faults/): in place before the handler builds its SDK clients.
if (process.env.LOCAL_FAULT_RATE) {
  await (await import('./faults/install-faults.ts')).installFaultsFromSettings(functionName);
}
const module = (await import(pathToFileURL(entry).href)) as {
  handler: (event: unknown, context: unknown) => Promise<unknown>;
};
if (typeof module.handler !== 'function') throw new Error(`${entry} exports no handler`);
// V8's compiled code of the bundle, written to the compile cache now instead of when the process
// exits: the next worker of this function, in this process or another, loads it compiled. In a
// test run the processes live for the whole run, so without this every function worker of a fresh
// checkout compiled its bundle afresh (an import: 250 -> 100 CPU ms once cached). A no-op unless
// NODE_COMPILE_CACHE is set (vitest.config.ts sets it).
flushCompileCache();

interface Adoption {
  readonly adopt: { clockBuffer: SharedArrayBuffer | null; resources: Record<string, string | undefined> };
}

parentPort?.on('message', async (message: Invocation | Adoption) => {
  // A warm worker handed to another local cloud of the same process (function-pool.ts): that
  // cloud's clock and resource names from now on, before its first invocation (the next message).
  if ('adopt' in message) {
    const { clockBuffer: buffer, resources } = message.adopt;
    restoreClock();
    restoreClock = buffer ? installSharedClock(buffer) : () => {};
    for (const variable of Object.keys(process.env))
      if (isResourceVariable(variable)) delete process.env[variable];
    Object.assign(process.env, resources);
    return;
  }
  const { id, event, requestId } = message;
  const started = Date.now();
  const context = {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)),
    done() {},
    fail() {},
    succeed() {},
  };
  try {
    const result = await module.handler(event, context);
    parentPort?.postMessage({ id, result });
  } catch (error) {
    const e = error as Error;
    // As the Lambda runtime does: an error that escapes the handler is logged with its stack
    // (unless the logs are turned down, as tests and benchmarks do).
    const quiet = ['CRITICAL', 'SILENT'].includes((process.env.POWERTOOLS_LOG_LEVEL ?? '').toUpperCase());
    if (!quiet)
      process.stderr.write(
        `${JSON.stringify({ level: 'ERROR', functionName, message: 'Invoke Error', errorType: e?.name, errorMessage: e?.message, stack: e?.stack?.split('\n') })}\n`,
      );
    parentPort?.postMessage({ id, error: { name: e.name, message: e.message, stack: e.stack } });
  }
});
parentPort?.postMessage({ ready: true });
