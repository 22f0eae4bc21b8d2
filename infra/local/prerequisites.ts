// The local cloud needs Java 17+ (DynamoDB Local) and moto_server (S3, KMS). When one is missing
// we say so in one line, with how to install it, instead of a stack trace from spawn().
import { spawnSync } from 'node:child_process';
import { StartFailure } from './start-failure.ts';

export class MissingPrerequisite extends StartFailure {}

function javaMajor(): number | undefined {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

export function checkPrerequisites(): void {
  const java = javaMajor();
  if (java === undefined || java < 17) {
    throw new MissingPrerequisite(
      `DynamoDB Local needs Java 17 or newer (found ${java ?? 'none'}): install it with \`apt-get install -y openjdk-17-jre-headless\``,
    );
  }
  const moto = spawnSync('python3', ['-c', 'import moto.moto_server.threaded_moto_server'], {
    encoding: 'utf8',
  });
  if (moto.error || moto.status !== 0) {
    throw new MissingPrerequisite(
      'moto server (the S3 and KMS emulator) was not found for python3: install it with `pip install "moto[server]>=5.1"`',
    );
  }
}
