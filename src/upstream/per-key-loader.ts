import DataLoader from "dataloader";
import { isNotFound } from "../errors.js";

/**
 * A loader over an upstream that has no read of many by id, made once per GraphQL request: a batch sends
 * one `read` per distinct key, concurrently, and answers one value per key, matched by `keyOf`, never by
 * position: the value, `null` on NOT_FOUND, or that key's own error, so one failure never rejects its siblings.
 * `onBatch` is told each batch's size (the loader batch-size metric).
 */
export function createPerKeyLoader<K, V>(
  keyOf: (key: K) => string,
  read: (key: K) => Promise<V>,
  onBatch?: (size: number) => void,
): DataLoader<K, V | null, string> {
  return new DataLoader<K, V | null, string>(
    async (keys) => {
      onBatch?.(keys.length);
      const results = new Map<string, V | null | Error>();
      await Promise.all(
        keys.map(async (key) => {
          try {
            results.set(keyOf(key), await read(key));
          } catch (error) {
            results.set(keyOf(key), isNotFound(error) ? null : (error as Error));
          }
        }),
      );
      return keys.map((key) => results.get(keyOf(key)) ?? null);
    },
    { cacheKeyFn: keyOf },
  );
}
