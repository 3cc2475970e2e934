import { randomUUID } from "node:crypto";
import { ErrorCode, GatewayError, UpstreamError } from "../../errors.js";
import type { CallScope } from "../../upstream/http.js";
import type { WmlClient } from "../client.js";
import { getDeployment } from "../deployment/api.js";
import type { DeploymentResource } from "../deployment/resource.js";
import { toDeploymentState } from "../deployment/state.js";
import { createEventStream, type EventStream } from "./event-stream.js";

/** What a subscriber receives: the deployment as read, or the error that ends its stream. */
export type DeploymentEvent = { deployment: DeploymentResource } | { error: Error };

/** The timers a poller waits on; injectable so that tests decide when a poll happens. */
export interface WatchScheduler {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realScheduler: WatchScheduler = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface DeploymentWatchOptions {
  client: WmlClient;
  /** The pause between two reads of one deployment (SUBSCRIPTION_POLL_MS). */
  intervalMs: number;
  scheduler?: WatchScheduler;
}

/** Consecutive 429/5xx/no-answer reads a poller backs off from before it gives up and ends its streams. */
const MAX_CONSECUTIVE_FAILURES = 5;

/** The longest backoff between two reads of a failing upstream, unless `Retry-After` asks for more. */
const MAX_BACKOFF_MS = 60_000;

/**
 * The parts of a deployment whose change is an event (docs/upstream/wml.md §4.2): state, status message,
 * failure, asset and serving URLs. Other changes (a tag, a description) are not.
 */
function fingerprint(d: DeploymentResource): string {
  const status = d.entity.status ?? {};
  return JSON.stringify([status.state ?? null, status.message?.text ?? null, status.failure ?? null, d.entity.asset ?? null, status.serving_urls ?? null, status.online_url?.url ?? null]);
}

/** Whether a failed read is worth another try later: 429, 5xx, or no answer (docs/upstream/wml.md §8). */
function transient(error: unknown): error is UpstreamError {
  return error instanceof UpstreamError && (error.status === undefined || error.status === 429 || error.status >= 500);
}

/** One upstream poller: reads one deployment of one space for every subscriber watching it. */
class Poller {
  readonly subscribers = new Set<EventStream<DeploymentEvent>>();
  private last: DeploymentResource | undefined;
  private lastPrint: string | undefined;
  private timer: unknown;
  private failures = 0;
  private stopped = false;
  private readonly scope: CallScope;

  constructor(
    private readonly options: DeploymentWatchOptions & { scheduler: WatchScheduler },
    readonly spaceId: string,
    readonly id: string,
    private readonly onStop: () => void,
  ) {
    // The poller's own request id: its reads serve every subscriber, not one request.
    this.scope = { headers: { "x-request-id": randomUUID() } };
    void this.poll();
  }

  add(stream: EventStream<DeploymentEvent>): void {
    this.subscribers.add(stream);
    // A later subscriber's first event is the deployment as the poller last read it; before the first
    // read answers, it waits for that read with everyone else.
    if (this.last) stream.push({ deployment: this.last });
  }

  remove(stream: EventStream<DeploymentEvent>): void {
    this.subscribers.delete(stream);
    if (this.subscribers.size === 0) this.stop();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.options.scheduler.clearTimeout(this.timer);
    this.onStop();
  }

  private async poll(): Promise<void> {
    let delay = this.options.intervalMs;
    try {
      const deployment = (await getDeployment(this.options.client, this.scope, this.spaceId, this.id)).body;
      if (this.stopped) return;
      this.failures = 0;
      const print = fingerprint(deployment);
      if (print !== this.lastPrint) {
        this.last = deployment;
        this.lastPrint = print;
        for (const stream of this.subscribers) stream.push({ deployment });
      }
    } catch (error) {
      if (this.stopped) return;
      if (transient(error) && ++this.failures < MAX_CONSECUTIVE_FAILURES) {
        delay = Math.max(error.retryAfterMs ?? 0, Math.min(this.options.intervalMs * 2 ** this.failures, MAX_BACKOFF_MS));
      } else {
        this.fail(error);
        return;
      }
    }
    if (!this.stopped) this.timer = this.options.scheduler.setTimeout(() => void this.poll(), delay);
  }

  /** Ends every subscriber's stream with the error (a 404 is NOT_FOUND naming the deployment) and stops. */
  private fail(error: unknown): void {
    const ending =
      error instanceof UpstreamError && error.code === ErrorCode.NOT_FOUND
        ? new GatewayError(ErrorCode.NOT_FOUND, `no deployment '${this.id}' in space '${this.spaceId}'`, { id: this.id, spaceId: this.spaceId }, error)
        : error instanceof Error
          ? error
          : new Error(String(error));
    for (const stream of this.subscribers) {
      stream.push({ error: ending });
      stream.end();
    }
    this.subscribers.clear();
    this.stop();
  }
}

/**
 * Every watched deployment of the gateway: one poller per (space, deployment) however many subscribers
 * watch it, reading through the same WML client as queries every `intervalMs` (backing off on 429/5xx,
 * honouring `Retry-After`); a poller stops when its last subscriber leaves. Each subscriber gets the
 * deployment as it is, then one event per change of its state, status message, failure, asset or serving
 * URLs; with `untilSettled` its stream ends after a READY or FAILED event.
 */
export class DeploymentWatches {
  private readonly pollers = new Map<string, Poller>();
  private readonly options: DeploymentWatchOptions & { scheduler: WatchScheduler };

  constructor(options: DeploymentWatchOptions) {
    this.options = { ...options, scheduler: options.scheduler ?? realScheduler };
  }

  /** The number of running pollers (one per watched deployment). */
  get size(): number {
    return this.pollers.size;
  }

  watch(spaceId: string, id: string, options: { untilSettled?: boolean } = {}): AsyncIterableIterator<DeploymentEvent> {
    const key = `${spaceId}\u0000${id}`;
    let poller = this.pollers.get(key);
    if (!poller) {
      const created: Poller = new Poller(this.options, spaceId, id, () => {
        if (this.pollers.get(key) === created) this.pollers.delete(key);
      });
      poller = created;
      this.pollers.set(key, poller);
    }
    const owner = poller;
    const stream = createEventStream<DeploymentEvent>(() => owner.remove(stream));
    if (options.untilSettled) {
      const push = stream.push.bind(stream);
      stream.push = (event) => {
        push(event);
        if ("deployment" in event && settled(event.deployment)) {
          stream.end();
          owner.remove(stream);
        }
      };
    }
    owner.add(stream);
    return stream;
  }

  /** Stops every poller (the gateway is closing); their subscribers' streams end. */
  close(): void {
    for (const poller of [...this.pollers.values()]) {
      for (const stream of poller.subscribers) stream.end();
      poller.subscribers.clear();
      poller.stop();
    }
  }
}

/** READY or FAILED: where `untilSettled` ends (an unknown state counts as settled: nothing will follow it). */
function settled(deployment: DeploymentResource): boolean {
  try {
    const state = toDeploymentState(deployment.entity.status?.state);
    return state === "READY" || state === "FAILED";
  } catch {
    return true;
  }
}
