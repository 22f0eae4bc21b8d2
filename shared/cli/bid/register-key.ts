// `eproc bid register-key`: registers the public half of a signing key on the caller's contractor
// profile (POST /contractors/{id}/signing-keys). Registering a key already there is not an error.
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { Contractor } from '../../parties/contractor-schemas.ts';
import { SigningKey } from '../../parties/signing-key-schemas.ts';
import { call, connection, connectionOptions, expectStatus, required, runCommand } from './cli-support.ts';
import { readSigningKey } from './signing-key-file.ts';

export function registerKey(args: readonly string[]): Promise<number> {
  return runCommand('register-key', async () => {
    const { values } = parseArgs({
      args: [...args],
      options: { ...connectionOptions, key: { type: 'string' }, label: { type: 'string' } },
    });
    required(values, 'key');
    const conn = connection(values);
    const key = await readSigningKey(values.key as string);
    const me = expectStatus(
      await call(conn, 'GET', '/me/contractor'),
      [200],
      'reading your contractor profile',
      Contractor,
    );
    const path = `/contractors/${me.contractorId}/signing-keys`;
    const added = await call(conn, 'POST', path, {
      body: { publicKeyJwk: key.publicKeyJwk, ...(values.label ? { label: values.label } : {}) },
    });
    if (added.status === 409) {
      const listed = expectStatus(
        await call(conn, 'GET', path, { auth: false }),
        [200],
        'listing your keys',
        z.object({ items: z.array(SigningKey) }),
      );
      const existing = listed.items.find((k) => k.keyId === key.keyId);
      if (existing?.status === 'active') {
        process.stdout.write(`${key.keyId}\n`);
        process.stderr.write(`key ${key.keyId} is already registered for contractor ${me.contractorId}\n`);
        return;
      }
    }
    expectStatus(added, [201], 'registering the key', SigningKey);
    process.stdout.write(`${key.keyId}\n`);
    process.stderr.write(`key ${key.keyId} registered for contractor ${me.contractorId}\n`);
  });
}
