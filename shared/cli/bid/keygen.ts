// `eproc bid keygen`: a new submission signing key. The private JWK goes to a file only its owner
// can read; the public JWK (with its keyId) goes to stdout, to register on the contractor profile.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateSigningKeyPair } from '../../sealing/index.ts';
import { CliError, runCommand, writeJson } from './cli-support.ts';

export function keygen(args: readonly string[]): Promise<number> {
  return runCommand('keygen', async () => {
    const { values } = parseArgs({
      args: [...args],
      options: {
        out: { type: 'string', default: 'signing-key.jwk' },
        force: { type: 'boolean', default: false },
      },
    });
    if (existsSync(values.out) && !values.force) {
      throw new CliError(`${values.out} exists: keys are not overwritten without --force`);
    }
    const pair = await generateSigningKeyPair({ extractable: true });
    const { d } = await crypto.subtle.exportKey('jwk', pair.privateKey);
    writeJson(values.out, { ...pair.publicKeyJwk, d, kid: pair.keyId, alg: 'ES256' }, 0o600);
    process.stdout.write(`${JSON.stringify({ ...pair.publicKeyJwk, kid: pair.keyId, alg: 'ES256' })}\n`);
    process.stderr.write(
      `private key written to ${values.out} (keep it secret); register the public key with: eproc bid register-key --key ${values.out}\n`,
    );
  });
}
