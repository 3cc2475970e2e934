import autocannon from "autocannon";

/** One HTTP request as the load client sends it. */
export interface LoadRequest {
  method: "GET" | "POST" | "PATCH" | "PUT";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** What one load run measured; latencies in milliseconds with sub-millisecond precision. */
export interface LoadResult {
  connections: number;
  durationS: number;
  /** Completed 2xx requests per second. */
  rps: number;
  p50: number;
  p99: number;
  total: number;
  /** Non-2xx answers plus transport errors and time-outs: any is a failed run. */
  failed: number;
}

/**
 * Drives `origin` with autocannon: each connection sends `requests` in turn, over and over. Latencies
 * come from autocannon's per-response event (its histogram rounds to whole milliseconds, too coarse for
 * a sub-millisecond target) and are exact percentiles of every 2xx response.
 */
export async function load(origin: string, requests: LoadRequest[], options: { connections: number; durationS: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: origin,
    connections: options.connections,
    duration: options.durationS,
    timeout: 30,
    requests: requests.map((r) => ({ method: r.method, path: r.path, headers: r.headers, body: r.body })),
  });
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status >= 200 && status < 300) latencies.push(ms);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    connections: options.connections,
    durationS: result.duration,
    rps: latencies.length / result.duration,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    total: latencies.length,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/** The nearest-rank percentile of sorted values (NaN when there are none). */
function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Sends requests one after another (no concurrency) and returns the 2xx answers' bodies; throws on any other status. */
export async function sendAll(origin: string, requests: LoadRequest[]): Promise<unknown[]> {
  const bodies: unknown[] = [];
  for (const request of requests) {
    const response = await fetch(new URL(request.path, origin), { method: request.method, headers: request.headers, body: request.body });
    const text = await response.text();
    if (response.status < 200 || response.status >= 300) throw new Error(`${request.method} ${request.path} answered ${response.status}: ${text.slice(0, 300)}`);
    bodies.push(text ? JSON.parse(text) : undefined);
  }
  return bodies;
}
