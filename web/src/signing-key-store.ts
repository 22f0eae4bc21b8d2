// The contractor's submission signing key, kept in this browser's IndexedDB. The private half is a
// non-extractable CryptoKey: IndexedDB stores it as is, and no script (ours or an injected one)
// can read its bytes back out, only ask the browser to sign with it. One key per user (token sub).
import { generateSigningKeyPair, type P256PublicJwk } from '../../shared/sealing/index.ts';

const dbName = 'eproc';
const storeName = 'signing-keys';

export interface StoredSigningKey {
  readonly sub: string;
  readonly privateKey: CryptoKey;
  readonly publicKeyJwk: P256PublicJwk;
  readonly keyId: string;
  readonly createdAt: string;
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

export async function loadOrCreateSigningKey(
  sub: string,
): Promise<{ key: StoredSigningKey; created: boolean }> {
  const existing = await run<StoredSigningKey | undefined>('readonly', (s) => s.get(sub));
  if (existing) return { key: existing, created: false };
  const pair = await generateSigningKeyPair({ extractable: false });
  const key: StoredSigningKey = { sub, ...pair, createdAt: new Date().toISOString() };
  // `add`, not `put`: if another tab made one meanwhile, keep that one.
  try {
    await run('readwrite', (s) => s.add(key));
  } catch {
    const raced = await run<StoredSigningKey | undefined>('readonly', (s) => s.get(sub));
    if (raced) return { key: raced, created: false };
    throw new Error('this browser cannot store a signing key (IndexedDB refused it)');
  }
  return { key, created: true };
}

export async function forgetSigningKey(sub: string): Promise<void> {
  await run('readwrite', (s) => s.delete(sub));
}
