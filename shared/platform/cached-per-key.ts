// A value read once per execution environment (a KMS public key, say), cached under the name of
// what it was read from: a process whose resources change (a test worker that runs one local
// cloud after another) reads again instead of serving the first resource's value. A failed read
// is not cached; the next caller tries again.
export function cachedPerKey<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    let value = cache.get(key);
    if (!value) {
      value = load(key).catch((error: unknown) => {
        cache.delete(key);
        throw error;
      });
      cache.set(key, value);
    }
    return value;
  };
}
