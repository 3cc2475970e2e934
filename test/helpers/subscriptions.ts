import type { FormattedExecutionResult } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

/** The WebSocket URL of a gateway's GraphQL URL (`http://…/graphql` → `ws://…/graphql`). */
export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, "ws");
}

/** A graphql-ws client that connects at once and never retries; `closed` records how the socket closed. */
export function connect(url: string, connectionParams?: Record<string, unknown>): Client & { closed: Promise<{ code: number; reason: string }> } {
  let onClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: wsUrl(url),
    webSocketImpl: WebSocket,
    connectionParams,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => undefined,
    on: { closed: (event) => onClosed({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }) },
  });
  return Object.assign(client, { closed });
}

/** One subscription's received results, read one at a time with a bounded wait. */
export interface Watched {
  results: FormattedExecutionResult<any, any>[];
  /** The next result not yet read, waiting at most `timeoutMs`. */
  next(timeoutMs?: number): Promise<FormattedExecutionResult<any, any>>;
  /** Resolves when the server completed the stream (or it failed); `error` is a protocol-level error. */
  done: Promise<{ error?: unknown }>;
  completed: boolean;
  stop(): void;
}

export function watch(client: Client, query: string, variables?: Record<string, unknown>): Watched {
  const results: FormattedExecutionResult<any, any>[] = [];
  let read = 0;
  let wake: (() => void) | undefined;
  let finish!: (value: { error?: unknown }) => void;
  const done = new Promise<{ error?: unknown }>((resolve) => (finish = resolve));
  const watched: Watched = {
    results,
    done,
    completed: false,
    stop: () => undefined,
    async next(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (read >= results.length) {
        if (watched.completed) throw new Error(`the stream completed after ${results.length} results`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no result within ${timeoutMs} ms (have ${results.length})`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return results[read++];
    },
  };
  watched.stop = client.subscribe(
    { query, variables },
    {
      next: (result) => {
        results.push(result);
        wake?.();
      },
      error: (error) => {
        watched.completed = true;
        wake?.();
        finish({ error });
      },
      complete: () => {
        watched.completed = true;
        wake?.();
        finish({});
      },
    },
  );
  return watched;
}

/** Waits (at most `timeoutMs`) until `condition` holds, checking every few milliseconds. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000, what = "the condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Timers that fire only when told: `fire()` runs every timer pending now and answers how many ran. */
export class ManualScheduler {
  private next = 0;
  /** The timers set and not yet fired or cleared, with the delay each asked for. */
  readonly pending = new Map<number, { run: () => void; ms: number }>();
  setTimeout(run: () => void, ms: number): unknown {
    const id = ++this.next;
    this.pending.set(id, { run, ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fire(): number {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const timer of due) timer.run();
    return due.length;
  }
}
