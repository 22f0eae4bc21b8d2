// DynamoDB Local stopped and started again on the same port and data directory, as an outage of
// the database in the middle of traffic: connections refused for a while, then a fresh JVM with
// the tables and items it had. SIGTERM by default: DynamoDB Local loses some writes it had
// acknowledged when it is SIGKILLed (bench/dynamodb-durability.ts), which DynamoDB never does;
// SIGKILL on request, to see that. Only a persistent emulator (a data directory) keeps its data.
import type { ChildProcess } from 'node:child_process';
import { waitForHttp } from './ports.ts';

export async function killAndRestartDynamoDb(
  running: ChildProcess,
  start: () => ChildProcess,
  url: string,
  downMs = 0,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<ChildProcess> {
  if (running.exitCode === null && running.signalCode === null) {
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    // A JVM that does not shut down in time is killed outright.
    const force = setTimeout(() => running.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(force);
  }
  await new Promise((resolve) => setTimeout(resolve, downMs));
  const restarted = start();
  await waitForHttp(url, 60_000, 'DynamoDB Local (restarted)');
  return restarted;
}
