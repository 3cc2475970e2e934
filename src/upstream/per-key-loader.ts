import DataLoader from "dataloader";
import { isNotFound } from "../errors.js";

/**
 * A loader over an upstream that has no read of many by id, made once per GraphQL request: a batch sends
 * one `read` per key, concurrently (DataLoader's cache, by `keyOf`, makes a batch's keys distinct), and
 * answers each key with its own read's outcome: the value, `null` on NOT_FOUND (or an empty answer), or
 * that key's own error, so one failure never rejects its siblings. `onBatch` is told each batch's size
 * (the loader batch-size metric).
 */
export function createPerKeyLoader<K, V>(
  keyOf: (key: K) => string,
  read: (key: K) => Promise<V>,
  onBatch?: (size: number) => void,
): DataLoader<K, V | null, string> {
  return new DataLoader<K, V | null, string>(
    async (keys) => {
      onBatch?.(keys.length);
      return Promise.all(
        keys.map(async (key): Promise<V | null | Error> => {
          let value: V | null | Error;
          try {
            value = await read(key);
          } catch (error) {
            value = isNotFound(error) ? null : (error as Error);
          }
          return value ?? null;
        }),
      );
    },
    { cacheKeyFn: keyOf },
  );
}
