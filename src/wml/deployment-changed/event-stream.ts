/**
 * One subscriber's events as an async iterator: values pushed by a poller wait in a queue until read;
 * `end()` finishes the stream after the queued values. Ending it from the reading side (`return()`, which
 * graphql-ws calls when the client completes or the socket closes) runs `onReturn` once.
 */
export interface EventStream<T> extends AsyncIterableIterator<T> {
  push(value: T): void;
  end(): void;
  readonly ended: boolean;
}

export function createEventStream<T>(onReturn: () => void): EventStream<T> {
  const queue: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let ended = false;
  let returned = false;

  const done = (): IteratorResult<T> => ({ value: undefined, done: true });

  const stream: EventStream<T> = {
    get ended() {
      return ended;
    },
    push(value) {
      if (ended) return;
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ value, done: false });
      } else {
        queue.push(value);
      }
    },
    end() {
      if (ended) return;
      ended = true;
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve(done());
      }
    },
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
      if (ended) return Promise.resolve(done());
      return new Promise((resolve) => (waiting = resolve));
    },
    return() {
      queue.length = 0;
      stream.end();
      if (!returned) {
        returned = true;
        onReturn();
      }
      return Promise.resolve(done());
    },
    throw(error?: unknown) {
      void stream.return!();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
