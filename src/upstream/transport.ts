import type { IncomingHttpHeaders } from "node:http";

/**
 * How one attempt of an upstream call travels: a request out, the raw answer back. `createUpstream`
 * (http.ts) reads statuses and bodies, retries and reports; a transport only moves bytes and says why it
 * got no answer. Two carry the gateway's calls: `createReadTransport` (GET, the hot path, straight over
 * `node:http`) and `createGotTransport` (everything that sends a body).
 */
export interface Transport {
  (request: TransportRequest): Promise<RawAnswer>;
}

/** One attempt, fully resolved: the upstream's origin, the path with its query, headers without undefined values. */
export interface TransportRequest {
  method: string;
  /** Where the request goes; with `path`, only its protocol, host and port count. */
  url: URL;
  /**
   * The request target as sent (origin-form: path and query), never re-parsed: a URL parser would turn
   * an encoded `%2E%2E` segment into `..` and drop a segment. Upstream calls always set it.
   */
  path?: string;
  headers: Record<string, string>;
  /** A JSON body, serialized by the transport. */
  json?: unknown;
  /** A form body (`application/x-www-form-urlencoded`), e.g. IAM's token exchange. */
  form?: Record<string, string>;
}

/** Any answer with a status line, whatever the status: the caller decides what it means. */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * A call that got no answer: the time limit passed (`timedOut`), or the connection failed (`code` is
 * Node's, e.g. `ECONNRESET`). The original error is the `cause`.
 */
export class TransportFailure extends Error {
  constructor(
    readonly timedOut: boolean,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(timedOut ? "the upstream did not answer in time" : `the upstream could not be reached (${code ?? "request failed"})`, options);
    this.name = "TransportFailure";
  }
}

/** What every transport sends as its `user-agent`, so upstream logs can tell the gateway's calls apart. */
export const USER_AGENT = "catalog-gateway";
