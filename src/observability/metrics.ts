import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { CallObserver } from "../upstream/http.js";

/** How an operation ended: `ok` (no errors), `partial` (data and errors), `error` (no data). */
export type OperationOutcome = "ok" | "partial" | "error";

/** Told each time a DataLoader batch function runs, with the number of keys in the batch. */
export type BatchObserver = (loader: string, size: number) => void;

/** The gateway's Prometheus metrics, on a registry of its own (tests start many apps in one process). */
export interface Metrics {
  readonly registry: Registry;
  /** Process-wide upstream observer: calls by service, route, method and status; latency by service and route. */
  readonly observeUpstream: CallObserver;
  readonly observeBatch: BatchObserver;
  observeOperation(name: string, type: string, outcome: OperationOutcome, seconds: number): void;
  /** Where the open-subscription and poller gauges are read at each scrape. */
  watchSubscriptions(read: () => { subscriptions: number; pollers: number }): void;
  /** The text exposition format and its content type, for `GET /metrics`. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Most distinct operation names kept as label values; later names count as `other` (bounded cardinality). */
const MAX_OPERATION_NAMES = 500;

/** Creates the metrics of one app. `defaults` adds the process metrics (CPU, memory, event loop). */
export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults ?? true) collectDefaultMetrics({ register: registry });
  const operations = new Counter({
    name: "gateway_operations_total",
    help: "GraphQL operations by name, type and outcome.",
    labelNames: ["operation", "type", "outcome"] as const,
    registers: [registry],
  });
  const operationSeconds = new Histogram({
    name: "gateway_operation_duration_seconds",
    help: "GraphQL operation latency, from request to response.",
    labelNames: ["operation", "type", "outcome"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const upstreamCalls = new Counter({
    name: "gateway_upstream_calls_total",
    help: "Upstream REST calls by service, route, method and HTTP status (`none` when no answer came).",
    labelNames: ["service", "route", "method", "status"] as const,
    registers: [registry],
  });
  const upstreamSeconds = new Histogram({
    name: "gateway_upstream_duration_seconds",
    help: "Upstream REST call latency by service and route.",
    labelNames: ["service", "route"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const batchSizes = new Histogram({
    name: "gateway_loader_batch_size",
    help: "Keys per DataLoader batch, by loader.",
    labelNames: ["loader"] as const,
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    registers: [registry],
  });
  let live = () => ({ subscriptions: 0, pollers: 0 });
  new Gauge({
    name: "gateway_subscriptions_active",
    help: "Operations open over WebSocket (graphql-ws), subscriptions included.",
    registers: [registry],
    collect() {
      this.set(live().subscriptions);
    },
  });
  new Gauge({
    name: "gateway_subscription_pollers",
    help: "Upstream pollers behind subscriptions: one per watched deployment.",
    registers: [registry],
    collect() {
      this.set(live().pollers);
    },
  });
  const names = new Set<string>();

  // Samples are recorded in one batch after the current turn of the event loop, not while a request
  // waits: prom-client builds and hashes a key from the label values of every sample, a few
  // microseconds each. `render` records whatever is still pending first.
  let pending: Array<() => void> = [];
  function flush(): void {
    const batch = pending;
    pending = [];
    for (const sample of batch) sample();
  }
  function record(sample: () => void): void {
    if (pending.length === 0) setImmediate(flush);
    pending.push(sample);
  }

  return {
    registry,
    observeUpstream: (event) =>
      record(() => {
        upstreamCalls.inc({ service: event.service, route: event.route, method: event.method, status: event.status === undefined ? "none" : String(event.status) });
        upstreamSeconds.observe({ service: event.service, route: event.route }, event.durationMs / 1000);
      }),
    observeBatch: (loader, size) => record(() => batchSizes.observe({ loader }, size)),
    observeOperation(name, type, outcome, seconds) {
      record(() => {
        let operation = name;
        if (!names.has(operation)) {
          if (names.size >= MAX_OPERATION_NAMES) operation = "other";
          else names.add(operation);
        }
        operations.inc({ operation, type, outcome });
        operationSeconds.observe({ operation, type, outcome }, seconds);
      });
    },
    watchSubscriptions(read) {
      live = read;
    },
    async render() {
      flush();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
