import { isPlainObject } from "../plain-object.js";
import type { CatalogRequest, CatalogResponse } from "../router.js";
import { errorEnvelope } from "./errors.js";

/** One injected fault: the next `count` matching WML calls answer `status` (docs/upstream/wml.md §11 item 7). */
export interface Fault {
  status: 429 | 500 | 503 | 504;
  count: number;
  /** Only calls with this method; any method when absent. */
  method?: string;
  /** Only calls whose path starts with this prefix; any `/ml/v4` path when absent. */
  pathPrefix?: string;
  /** Sent as `Retry-After` (seconds) on the faulty answers. */
  retryAfterSeconds?: number;
}

const CODES: Record<Fault["status"], [string, string]> = {
  429: ["rate_limit_exceeded", "The rate limit of this service instance was exceeded. Re-try later."],
  500: ["internal_server_error", "An internal error occurred that cannot be resolved by the user."],
  503: ["service_unavailable", "The service is temporarily unavailable. Re-try later."],
  504: ["gateway_timeout", "The request timed out. Re-try later."],
};

/**
 * Injected faults for the gateway's retry tests (docs/upstream/wml.md §8, §11 item 7): queued through
 * `POST /_catalog/wml/faults` with a `Fault` body (`DELETE` clears them), consumed by matching calls.
 */
export class FaultQueue {
  private faults: Fault[] = [];

  /** `POST /_catalog/wml/faults`: queues one fault; 400 for an unknown status or a count below 1. */
  add(req: CatalogRequest): CatalogResponse {
    let body: unknown;
    try {
      body = JSON.parse(req.body.toString("utf8"));
    } catch {
      body = undefined;
    }
    if (!isPlainObject(body) || !(typeof body.status === "number" && body.status in CODES) || !(typeof body.count === "number" && Number.isInteger(body.count) && body.count >= 1)) {
      return { status: 400, body: { message: "expected {status: 429|500|503|504, count: integer >= 1, method?, pathPrefix?, retryAfterSeconds?}" } };
    }
    this.faults.push({
      status: body.status as Fault["status"],
      count: body.count,
      ...(typeof body.method === "string" && { method: body.method.toUpperCase() }),
      ...(typeof body.pathPrefix === "string" && { pathPrefix: body.pathPrefix }),
      ...(typeof body.retryAfterSeconds === "number" && { retryAfterSeconds: body.retryAfterSeconds }),
    });
    return { status: 204 };
  }

  /** `DELETE /_catalog/wml/faults`: clears every queued fault. */
  clear(): CatalogResponse {
    this.faults = [];
    return { status: 204 };
  }

  /** The faulty answer for this call, if a queued fault matches; consumes one use of it. */
  take(req: CatalogRequest): CatalogResponse | undefined {
    const fault = this.faults.find((f) => (f.method === undefined || f.method === req.method) && req.path.startsWith(f.pathPrefix ?? "/ml/v4"));
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count === 0) this.faults = this.faults.filter((f) => f !== fault);
    const [code, message] = CODES[fault.status];
    return {
      status: fault.status,
      body: errorEnvelope(fault.status, code, message, "auth"),
      ...(fault.retryAfterSeconds !== undefined && { headers: { "retry-after": String(fault.retryAfterSeconds) } }),
    };
  }
}
