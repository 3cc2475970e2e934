import { createReadTransport } from "./upstream/read-transport.js";
import { TransportFailure, type Transport } from "./upstream/transport.js";

/** One upstream to probe for readiness: a cheap GET that needs no credentials. */
export interface UpstreamProbe {
  name: string;
  url: string;
}

/** What one probe found. */
export interface ProbeResult {
  reachable: boolean;
  /** The HTTP status it answered, when it answered. */
  status?: number;
  /** Why it is not reachable. */
  error?: string;
  durationMs: number;
}

/** The answer of `GET /ready`. */
export interface Readiness {
  ready: boolean;
  upstreams: Record<string, ProbeResult>;
}

/**
 * A probe URL's answer counts as reachable when it is any HTTP status below 500: a 401 or 404 still
 * proves the upstream is up and answering; 5xx, a refused connection or a time-out does not.
 */
async function probe(transport: Transport, target: UpstreamProbe, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 1000) / 1000;
  try {
    const response = await transport({ method: "GET", url: new URL(target.url), headers: {} });
    const reachable = response.status < 500;
    return { reachable, status: response.status, ...(reachable ? {} : { error: `answered ${response.status}` }), durationMs: elapsed() };
  } catch (error) {
    const reason = error instanceof TransportFailure && error.timedOut ? `no answer within ${timeoutMs} ms` : "could not be reached";
    return { reachable: false, error: reason, durationMs: elapsed() };
  }
}

/**
 * Checks every configured upstream at once (`GET /ready`). Concurrent checks share one round of
 * probes, so a burst of readiness requests costs each upstream one GET.
 */
export function createReadinessCheck(probes: readonly UpstreamProbe[], timeoutMs: number): () => Promise<Readiness> {
  const transport = createReadTransport(timeoutMs);
  let running: Promise<Readiness> | undefined;
  async function run(): Promise<Readiness> {
    const results = await Promise.all(probes.map((target) => probe(transport, target, timeoutMs)));
    const upstreams: Record<string, ProbeResult> = {};
    probes.forEach((target, index) => (upstreams[target.name] = results[index]));
    return { ready: results.every((result) => result.reachable), upstreams };
  }
  return () => {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };
}
