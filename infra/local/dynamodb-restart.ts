// DynamoDB Local killed and started again on the same port and data directory, as an outage of
// the database in the middle of traffic: SIGKILL (no clean shutdown), a pause, a fresh JVM. Only
// a persistent emulator (a data directory) comes back with its tables and items.
import type { ChildProcess } from 'node:child_process';
import { waitForHttp } from './ports.ts';

export async function killAndRestartDynamoDb(
  running: ChildProcess,
  start: () => ChildProcess,
  url: string,
  downMs = 0,
): Promise<ChildProcess> {
  if (running.exitCode === null && running.signalCode === null) {
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  }
  await new Promise((resolve) => setTimeout(resolve, downMs));
  const restarted = start();
  await waitForHttp(url, 60_000, 'DynamoDB Local (restarted)');
  return restarted;
}
