import type { IncomingMessage, ServerResponse } from "node:http";

/** The methods a browser may use on the gateway: GraphQL over HTTP (GET, POST) and the preflight itself. */
const ALLOWED_METHODS = "GET, POST, OPTIONS";

/**
 * The request headers a GraphQL client sends: the JSON content type, the caller's credential, a request
 * id to correlate logs, Apollo's CSRF-prevention headers (`apollo-require-preflight`,
 * `x-apollo-operation-name`), Apollo Client's identification, and the language forwarded upstream.
 */
const ALLOWED_HEADERS = [
  "content-type",
  "accept",
  "authorization",
  "x-request-id",
  "apollo-require-preflight",
  "x-apollo-operation-name",
  "apollographql-client-name",
  "apollographql-client-version",
  "accept-language",
].join(", ");

/** What a browser script may read from an answer besides the CORS-safelisted headers. */
const EXPOSED_HEADERS = "x-request-id";

/** How long (seconds) a browser may reuse a preflight answer. */
const PREFLIGHT_MAX_AGE_SECONDS = "600";

/**
 * Answers cross-origin requests for an allow-list of origins. Returns true when it answered the request
 * itself (a preflight), false when the request goes on to its route.
 */
export type CorsHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The gateway's CORS policy, built once per server from `CORS_ORIGINS` (exact origins, already
 * normalised by the configuration). With an empty list it does nothing: browsers keep the same-origin
 * rule. A listed origin gets `Access-Control-Allow-Origin` naming it (never `*`) with credentials
 * allowed, and its preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered 204 here,
 * before Apollo's CSRF prevention, which would refuse it. Any other origin gets no CORS header at all,
 * so the browser blocks the call, and its requests meet Apollo's CSRF prevention as before.
 */
export function createCors(origins: readonly string[]): CorsHandler {
  if (origins.length === 0) return () => false;
  const allowed = new Set(origins);
  return (req, res) => {
    // The answer depends on the Origin header whenever a policy is set, listed or not.
    res.setHeader("vary", "Origin");
    const origin = req.headers.origin;
    if (origin === undefined || !allowed.has(origin)) return false;
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("access-control-allow-credentials", "true");
    if (req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined) {
      res.writeHead(204, {
        "access-control-allow-methods": ALLOWED_METHODS,
        "access-control-allow-headers": ALLOWED_HEADERS,
        "access-control-max-age": PREFLIGHT_MAX_AGE_SECONDS,
        "content-length": "0",
      });
      res.end();
      return true;
    }
    res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
    return false;
  };
}

/**
 * Parses `CORS_ORIGINS`: comma-separated origins (`scheme://host[:port]`), each normalised the way a
 * browser sends its `Origin` header (lower-case scheme and host, default port dropped). Throws a message
 * naming the offending entry for anything that is not an http(s) origin: a path, a wildcard, `null`.
 */
export function parseCorsOrigins(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  const origins: string[] = [];
  for (const entry of raw.split(",").map((item) => item.trim()).filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    const bare = url && (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password && url.pathname === "/" && !url.search && !url.hash;
    if (!url || !bare || !/^[a-z][a-z0-9+.-]*:\/\/[^/]+\/?$/i.test(entry)) {
      throw new Error(`expected http(s) origins like https://app.example.com:8443 (no path, no wildcard), got ${JSON.stringify(entry)}`);
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return origins;
}
