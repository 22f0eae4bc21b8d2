// The contractor's submission signing key, kept in this browser's IndexedDB (ported from
// web/src/signing-key-store.ts). The private half is a non-extractable CryptoKey: IndexedDB stores
// it as is, and no script (ours or an injected one) can read its bytes back out, only ask the
// browser to sign with it. One current key per user (the session's sub); rotating replaces it.
import { generateSigningKeyPair, jwkThumbprint, type P256PublicJwk } from '../../../shared/sealing/index.ts';

const dbName = 'eproc';
const storeName = 'signing-keys';

export interface StoredSigningKey {
  readonly sub: string;
  readonly privateKey: CryptoKey;
  readonly publicKeyJwk: P256PublicJwk;
  readonly keyId: string;
  readonly createdAt: string;
  /** Where it came from: made in this browser, or imported from a file the CLI wrote. */
  readonly origin?: 'browser' | 'cli';
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName, { keyPath: 'sub' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function run<T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(storeName, mode);
        const request = op(tx.objectStore(storeName));
        tx.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        tx.onerror = () => {
          db.close();
          reject(tx.error);
        };
      }),
  );
}

export async function loadSigningKey(sub: string): Promise<StoredSigningKey | undefined> {
  return (await run<StoredSigningKey | undefined>('readonly', (s) => s.get(sub))) ?? undefined;
}

/** Makes a new non-extractable key and keeps it as this user's current key (replacing any other). */
export async function createSigningKey(sub: string): Promise<StoredSigningKey> {
  const pair = await generateSigningKeyPair({ extractable: false });
  const key: StoredSigningKey = { sub, ...pair, createdAt: new Date().toISOString(), origin: 'browser' };
  await run('readwrite', (s) => s.put(key));
  return key;
}

export class CliKeyError extends Error {}

/**
 * A private JWK written by `eproc bid keygen` (shared/cli/bid/keygen.ts: {kty, crv, x, y, d, kid,
 * alg}), imported as a non-extractable key: after this the browser can sign with it but the page
 * can no longer read it, and the file can be put away.
 */
export async function importCliSigningKey(sub: string, text: string): Promise<StoredSigningKey> {
  let jwk: Record<string, unknown>;
  try {
    jwk = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new CliKeyError('not-json');
  }
  if (typeof jwk?.d !== 'string') throw new CliKeyError('no-private-key');
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') {
    throw new CliKeyError('not-p256');
  }
  const publicKeyJwk = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } as P256PublicJwk;
  let privateKey: CryptoKey;
  try {
    privateKey = await crypto.subtle.importKey(
      'jwk',
      { ...publicKeyJwk, d: jwk.d, ext: false },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign'],
    );
  } catch {
    throw new CliKeyError('not-p256');
  }
  const key: StoredSigningKey = {
    sub,
    privateKey,
    publicKeyJwk,
    keyId: await jwkThumbprint(publicKeyJwk),
    createdAt: new Date().toISOString(),
    origin: 'cli',
  };
  await run('readwrite', (s) => s.put(key));
  return key;
}

export async function forgetSigningKey(sub: string): Promise<void> {
  await run('readwrite', (s) => s.delete(sub));
}
