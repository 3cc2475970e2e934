import { codeForStatus, ErrorCode, redact, UpstreamError } from "../../errors.js";
import { createGotTransport } from "../../upstream/got-transport.js";
import type { CallObserver } from "../../upstream/http.js";
import { TransportFailure } from "../../upstream/transport.js";
import { parseWmlError } from "../upstream.js";

/** Where the gateway's WML bearer token comes from; the caller's own `Authorization` never goes to WML (docs/upstream/wml.md §2). */
export interface TokenProvider {
  /** The `Authorization` header value for the next WML call. */
  authorization(): Promise<string>;
  /**
   * Forgets a token WML refused with 401, so that the next call exchanges the API key again; answers
   * whether a fresh token can be had (false for a static token).
   */
  invalidate(rejectedAuthorization: string): boolean;
  /** The credentials it holds right now (the API key, the current token), for scrubbing messages and logs. */
  secrets(): string[];
}

/** IAM's API-key grant type (docs/upstream/wml.md §2). */
export const APIKEY_GRANT_TYPE = "urn:ibm:params:oauth:grant-type:apikey";

/** A static `WML_TOKEN`: sent as it is; a 401 cannot be cured by the gateway (docs/upstream/wml.md §9 item 18). */
export function createStaticTokenProvider(token: string): TokenProvider {
  const header = `Bearer ${token}`;
  return { authorization: async () => header, invalidate: () => false, secrets: () => [token] };
}

/** How an API key is exchanged; `now` is injectable for tests. */
export interface ApiKeyTokenOptions {
  apiKey: string;
  /** IAM's base URL; the exchange is `POST <iamUrl>/identity/token`. */
  iamUrl: string;
  timeoutMs: number;
  secrets: () => Iterable<string | undefined>;
  observe?: CallObserver;
  now?: () => number;
}

interface CachedToken {
  header: string;
  token: string;
  /** When to exchange again: 60 s, or 10 % of the lifetime when that is shorter, before expiry. */
  renewAt: number;
}

/** The most a token is renewed ahead of its expiry. */
const RENEW_AHEAD_MAX_MS = 60_000;

/**
 * `WML_API_KEY` exchanged at IAM (`POST /identity/token`, form-encoded; docs/upstream/wml.md §2) for a bearer
 * token that is cached and renewed before it expires (60 s early, or 10 % of its lifetime when shorter).
 * One exchange at a time: concurrent callers share the exchange in flight (single flight). A token WML
 * refuses (401) is dropped so that the next call exchanges again. Neither the key nor a token ever
 * appears in an error message.
 */
export function createApiKeyTokenProvider(options: ApiKeyTokenOptions): TokenProvider {
  const now = options.now ?? Date.now;
  const transport = createGotTransport(options.timeoutMs);
  const url = new URL("identity/token", `${options.iamUrl.replace(/\/+$/, "")}/`);
  let cached: CachedToken | undefined;
  let inflight: Promise<CachedToken> | undefined;

  async function exchange(): Promise<CachedToken> {
    const started = performance.now();
    let status: number | undefined;
    const secrets = () => [options.apiKey, ...options.secrets()];
    try {
      const response = await transport({
        method: "POST",
        url,
        form: { grant_type: APIKEY_GRANT_TYPE, apikey: options.apiKey },
        headers: { accept: "application/json" },
      });
      status = response.status;
      const body = parseJson(response.text);
      if (status < 200 || status >= 300) {
        const detail = parseWmlError(body ?? response.text);
        const code = status === 400 || status === 401 ? ErrorCode.UNAUTHENTICATED : codeForStatus(status);
        const message = redact(`the WML API key exchange at IAM failed (${status}: ${detail.message ?? "no message"})`, secrets());
        throw new UpstreamError(code, "wml", status, { ...detail, message: detail.message && redact(detail.message, secrets()) }, message);
      }
      return toCachedToken(body, now());
    } catch (error) {
      if (error instanceof UpstreamError || !(error instanceof TransportFailure)) throw error; // only a call without an answer is IAM's failure
      if (error.timedOut) {
        throw new UpstreamError("UPSTREAM_TIMEOUT", "wml", undefined, {}, `IAM did not answer the WML API key exchange within ${options.timeoutMs} ms`, { cause: error });
      }
      const reason = error.code ?? "request failed";
      throw new UpstreamError("UPSTREAM_UNAVAILABLE", "wml", undefined, {}, redact(`IAM could not be reached for the WML API key exchange (${reason})`, secrets()), { cause: error });
    } finally {
      options.observe?.({ service: "wml", route: "POST /identity/token", method: "POST", status, durationMs: performance.now() - started });
    }
  }

  return {
    async authorization() {
      if (cached && now() < cached.renewAt) return cached.header;
      inflight ??= exchange().finally(() => {
        inflight = undefined;
      });
      const token = await inflight;
      cached = token;
      return token.header;
    },
    invalidate(rejected) {
      if (cached?.header === rejected) cached = undefined;
      return true;
    },
    secrets: () => (cached ? [options.apiKey, cached.token] : [options.apiKey]),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads IAM's `{access_token, token_type, expires_in, expiration}` (docs/upstream/wml.md §2). */
function toCachedToken(body: unknown, obtainedAt: number): CachedToken {
  const record = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const token = record.access_token;
  if (typeof token !== "string" || token === "") {
    throw new UpstreamError("UPSTREAM_ERROR", "wml", 200, {}, "the WML API key exchange at IAM answered without an access_token");
  }
  const expiresIn = typeof record.expires_in === "number" && record.expires_in > 0 ? record.expires_in * 1000 : undefined;
  const expiration = typeof record.expiration === "number" ? record.expiration * 1000 : undefined;
  const expiresAt = expiresIn !== undefined ? obtainedAt + expiresIn : (expiration ?? obtainedAt + 3_600_000);
  const lifetime = Math.max(0, expiresAt - obtainedAt);
  return { header: `Bearer ${token}`, token, renewAt: expiresAt - Math.min(RENEW_AHEAD_MAX_MS, lifetime / 10) };
}
