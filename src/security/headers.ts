/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection and are never forwarded. */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade"]);

/**
 * Incoming headers that travel upstream as they came. Nothing else does: `x-request-id` is set by the
 * gateway itself (accepted when well-formed, else generated) and the caller's `Authorization` goes to
 * OpenMetadata only (docs/operations.md, "Headers and credentials"), both in `createContext`. A
 * hop-by-hop name is never one of them, even if listed.
 */
const FORWARDED_HEADERS: readonly string[] = ["accept-language"].filter((name) => !HOP_BY_HOP.has(name));

/**
 * The allow-listed headers of an incoming request, minus any that its `Connection` header names
 * (those are hop-by-hop for this request). Called once per GraphQL request.
 */
export function forwardedHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  let connectionScoped: Set<string> | undefined;
  for (const name of FORWARDED_HEADERS) {
    const value = headers[name];
    if (value === undefined) continue;
    connectionScoped ??= new Set(String(headers.connection ?? "").toLowerCase().split(",").map((token) => token.trim()));
    if (connectionScoped.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
