// The key checkpoints must be signed with never comes from the bundle being checked: it is given
// with --key, or pinned beforehand in this user's eproc config (audit-log-keys.json, one PEM per
// log origin), or named by EPROC_AUDIT_LOG_KEY. The bundle's own key list only supplies a name.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PinnedKey, PublicKeyInput } from '../../tlog/index.ts';

export interface ResolvedKey {
  readonly pinned: PinnedKey;
  readonly source: string;
}

export class KeyError extends Error {}

export const configDir = () =>
  process.env.EPROC_CONFIG_DIR ?? join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'eproc');

function readKeyFile(path: string): PublicKeyInput {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new KeyError(`cannot read key file ${path}: ${(error as Error).message}`);
  }
  const text = bytes.toString('utf8');
  return text.includes('-----BEGIN') ? text : new Uint8Array(bytes);
}

const withName = (publicKey: PublicKeyInput, origin: string | undefined): PinnedKey =>
  origin === undefined ? publicKey : { name: origin, publicKey };

export function resolvePinnedKey(options: {
  key?: string | undefined;
  origin?: string | undefined;
}): ResolvedKey {
  if (options.key) return { pinned: withName(readKeyFile(options.key), options.origin), source: options.key };
  const fromEnv = process.env.EPROC_AUDIT_LOG_KEY;
  if (fromEnv) {
    return {
      pinned: withName(readKeyFile(fromEnv), options.origin),
      source: `${fromEnv} (EPROC_AUDIT_LOG_KEY)`,
    };
  }
  const config = join(configDir(), 'audit-log-keys.json');
  if (existsSync(config) && options.origin) {
    let keys: Record<string, unknown>;
    try {
      keys = JSON.parse(readFileSync(config, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new KeyError(`${config} is not JSON: ${(error as Error).message}`);
    }
    const pem = keys[options.origin];
    if (typeof pem === 'string') return { pinned: { name: options.origin, publicKey: pem }, source: config };
  }
  throw new KeyError(
    `no pinned public key for ${options.origin ?? 'this log'}: pass --key FILE.pem, set EPROC_AUDIT_LOG_KEY, ` +
      `or add {"<origin>": "<PEM>"} to ${config}. The key in the bundle itself is never trusted.`,
  );
}
