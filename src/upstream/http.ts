import type { IncomingHttpHeaders } from "node:http";
import { codeForStatus, redact, UpstreamError, type ErrorCode, type UpstreamDetail, type UpstreamService } from "../errors.js";
import { createGotTransport } from "./got-transport.js";
import { createReadTransport } from "./read-transport.js";
import { DEFAULT_RETRY_POLICY, isIdempotent, parseRetryAfter, RETRYABLE_STATUSES, RETRYABLE_TRANSPORT_CODES, retryDelay, sleep, type RetryPolicy } from "./retry.js";
import { TransportFailure, type TransportRequest } from "./transport.js";

/** One REST call, relative to the upstream's base URL. */
export interface UpstreamCall {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path below the base URL, already percent-encoded segment by segment (see `encodeSegment`). */
  path: string;
  /** A route template for metrics and logs, e.g. `GET /v1/services/{kind}/name/{fqn}`. */
  route: string;
  searchParams?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  /** A form body (`application/x-www-form-urlencoded`) instead of JSON. */
  form?: Record<string, string>;
  headers?: Record<string, string | undefined>;
  /** Marks a PUT or DELETE as safe to send twice (see `isIdempotent`); GET always is, POST and PATCH never. */
  idempotent?: boolean;
}

/** An upstream's successful (2xx) answer. */
export interface UpstreamAnswer<T> {
  status: number;
  headers: IncomingHttpHeaders;
  body: T;
}

/** Told of every upstream call when it ends: metrics, logs and the per-request call count listen here. */
export interface CallObserver {
  (event: { service: UpstreamService; route: string; method: string; status: number | undefined; durationMs: number }): void;
}

/** Per-request extras for a call: who is counting, and headers that travel with every call of that request. */
export interface CallScope {
  observe?: CallObserver;
  /** Built once per request, so already without empty values: sent as they are. */
  headers?: Record<string, string>;
  /** Told of each DataLoader batch run for this request (loader name, keys): the batch-size metric. */
  observeBatch?: (loader: string, size: number) => void;
}

/** How one upstream is reached and how its error bodies read. */
export interface UpstreamOptions {
  service: UpstreamService;
  baseUrl: string;
  timeoutMs: number;
  /** Reads the upstream's error body (already JSON-parsed when it was JSON, else the raw text). */
  parseError(body: unknown): UpstreamDetail;
  /** Refines the code for a status (OpenMetadata's "Entity already exists" is ALREADY_EXISTS). */
  classify?(status: number, detail: UpstreamDetail): ErrorCode | undefined;
  /** Secrets to scrub from any message built from an upstream answer. */
  secrets?: () => Iterable<string | undefined>;
  /** Process-wide observer (metrics). */
  observe?: CallObserver;
  /** Retries of idempotent calls (default `DEFAULT_RETRY_POLICY`). */
  retry?: RetryPolicy;
}

/** A REST upstream with its transports, created once per process. */
export interface Upstream {
  readonly service: UpstreamService;
  /** Sends a call; a non-2xx answer or a transport failure rejects with an UpstreamError. */
  send<T>(call: UpstreamCall, scope?: CallScope): Promise<UpstreamAnswer<T>>;
}

/**
 * Percent-encodes one path segment so that no value (an FQN with `/`, `%` or `"`) can reach another
 * path. A segment of dots (`.`, `..`) has its dots encoded too, and the path travels as built (see
 * `TransportRequest.path`), so no URL parser collapses it into the collection; the upstream decodes it
 * back to the name. An empty segment is a gateway fault: arguments are checked before (security/ids.ts).
 */
export function encodeSegment(value: string): string {
  if (value === "") throw new Error("an empty path segment was built: its argument should have been refused");
  const encoded = encodeURIComponent(value);
  return /^\.+$/.test(encoded) ? encoded.replaceAll(".", "%2E") : encoded;
}

/**
 * Creates an upstream: reads (GET) go over the lean `node:http` transport, everything with a body over
 * got (transport.ts says why); neither retries by itself, `send` retries idempotent calls.
 */
export function createUpstream(options: UpstreamOptions): Upstream {
  const reads = createReadTransport(options.timeoutMs);
  const writes = createGotTransport(options.timeoutMs);
  const base = new URL(`${options.baseUrl.replace(/\/+$/, "")}/`);
  const secrets = options.secrets ?? (() => []);

  const policy = options.retry ?? DEFAULT_RETRY_POLICY;

  /** The call as a transport sends it: absolute URL with its query, the request's headers under the call's own. */
  function request(call: UpstreamCall, scope: CallScope | undefined): TransportRequest {
    let query = "";
    if (call.searchParams) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(call.searchParams)) if (value !== undefined) params.append(key, String(value));
      query = params.size > 0 ? `?${params}` : "";
    }
    const headers: Record<string, string> = { ...scope?.headers };
    for (const [name, value] of Object.entries(call.headers ?? {})) if (value !== undefined) headers[name] = value;
    return { method: call.method, url: base, path: `${base.pathname}${call.path}${query}`, headers, json: call.json, form: call.form };
  }

  /** One attempt; every attempt is an upstream call that observers count. */
  async function attempt<T>(call: UpstreamCall, sent: TransportRequest, scope: CallScope | undefined): Promise<Attempt<T>> {
    const started = performance.now();
    let status: number | undefined;
    try {
      const transport = call.method === "GET" ? reads : writes;
      const response = await transport(sent);
      status = response.status;
      if (status >= 200 && status < 300) return { answer: { status, headers: response.headers, body: parseSuccess<T>(options, call, status, response.text) } };
      const body = parseBody(response.text);
      const detail = options.parseError(body);
      const code = options.classify?.(status, detail) ?? codeForStatus(status);
      const text = detail.message ?? `HTTP ${status}`;
      const retryAfterMs = parseRetryAfter(response.headers["retry-after"]);
      const error = new UpstreamError(code, options.service, status, detail, redact(`${options.service} answered ${status}: ${text}`, secrets()), { retryAfterMs });
      return { error, retryable: RETRYABLE_STATUSES.has(status), retryAfterMs };
    } catch (error) {
      // Only a call that got no answer is the upstream's failure; anything else (an unreadable 2xx is an
      // UpstreamError already) is a fault of the gateway and travels as it is.
      if (error instanceof UpstreamError) return { error, retryable: false };
      if (!(error instanceof TransportFailure)) throw error;
      const code = error.timedOut ? undefined : error.code;
      return { error: transportError(options, call, error), retryable: code !== undefined && RETRYABLE_TRANSPORT_CODES.has(code) };
    } finally {
      const event = { service: options.service, route: call.route, method: call.method, status, durationMs: performance.now() - started };
      options.observe?.(event);
      scope?.observe?.(event);
    }
  }

  /** Sends a call, trying an idempotent one again after a retryable failure, with backoff (retry.ts). */
  async function send<T>(call: UpstreamCall, scope?: CallScope): Promise<UpstreamAnswer<T>> {
    const retries = isIdempotent(call.method, call.idempotent) ? policy.retries : 0;
    const sent = request(call, scope);
    for (let n = 0; ; n++) {
      const result = await attempt<T>(call, sent, scope);
      if ("answer" in result) return result.answer;
      const wait = result.retryable && n < retries ? retryDelay(policy, n, result.retryAfterMs) : undefined;
      if (wait === undefined) throw result.error;
      await sleep(wait);
    }
  }

  return { service: options.service, send };
}

/** One attempt's outcome: the answer, or the error with what decides whether to try again. */
type Attempt<T> = { answer: UpstreamAnswer<T> } | { error: UpstreamError; retryable: boolean; retryAfterMs?: number };

/** A call that got no answer: a time-out, or a connection refused or reset. A write's outcome is then unknown. */
function transportError(options: UpstreamOptions, call: UpstreamCall, error: unknown): UpstreamError {
  const unknownOutcome = call.method === "GET" ? "" : "; the write may or may not have been applied upstream";
  if (error instanceof TransportFailure && error.timedOut) {
    return new UpstreamError("UPSTREAM_TIMEOUT", options.service, undefined, {}, `${options.service} did not answer within ${options.timeoutMs} ms${unknownOutcome}`, { cause: error });
  }
  const reason = (error instanceof TransportFailure && error.code) || "request failed";
  return new UpstreamError("UPSTREAM_UNAVAILABLE", options.service, undefined, {}, `${options.service} could not be reached (${reason})${unknownOutcome}`, { cause: error });
}

/**
 * The body of a 2xx answer: JSON, or nothing (204, or an empty body). Anything else (HTML from a proxy,
 * truncated or invalid JSON) is `UPSTREAM_ERROR` saying so, with the status: never passed on as data.
 */
function parseSuccess<T>(options: UpstreamOptions, call: UpstreamCall, status: number, text: string): T {
  if (text.trim().length === 0) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    const start = text.trimStart().slice(0, 1) === "<" ? "HTML" : "not valid JSON";
    const message = `${options.service} answered ${status} to ${call.route} with a body that is ${start}`;
    throw new UpstreamError("UPSTREAM_ERROR", options.service, status, { message: `unreadable ${status} body` }, message);
  }
}

function parseBody(text: string): unknown {
  if (text.length === 0) return undefined;
  const first = text.charCodeAt(0);
  if (first !== 0x7b && first !== 0x5b && first !== 0x22) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
