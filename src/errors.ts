import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";

/** The stable error codes of `extensions.code` (the public API lists exactly these). */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  ALREADY_EXISTS: "ALREADY_EXISTS",
  CONFLICT: "CONFLICT",
  UPSTREAM_ERROR: "UPSTREAM_ERROR",
  UPSTREAM_TIMEOUT: "UPSTREAM_TIMEOUT",
  UPSTREAM_UNAVAILABLE: "UPSTREAM_UNAVAILABLE",
  /** A fault inside the gateway; the detail is in the log line named by `extensions.requestId`. */
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export type UpstreamService = "openmetadata" | "wml";

/** What an upstream said about a failed call, parsed leniently from its error body. */
export interface UpstreamDetail {
  /** The upstream's own error code (`deployment_does_not_exist`), when it gave one. */
  code?: string;
  message?: string;
  /** WML's `trace` id. */
  trace?: string;
}

/**
 * A failed upstream call, made once in the HTTP layer from a got error or an error status, and turned
 * into a GraphQLError once, in `formatError`. `status` is undefined when no answer came (time-out, reset).
 * Its message never holds a URL, a token or a header.
 */
export class UpstreamError extends Error {
  override readonly name = "UpstreamError";
  constructor(
    readonly code: ErrorCode,
    readonly service: UpstreamService,
    readonly status: number | undefined,
    readonly detail: UpstreamDetail,
    message: string,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }

  /** The pause the upstream asked for (`Retry-After`), when it named one. */
  readonly retryAfterMs: number | undefined;
}

/**
 * An error of the gateway's own making (bad input, a failed precondition), with its code and details;
 * `upstream` is the upstream answer it was made from, reported as `extensions.upstream`.
 */
export class GatewayError extends Error {
  override readonly name = "GatewayError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
    readonly upstream?: UpstreamError,
  ) {
    super(message);
  }
}

/** Shorthand for a BAD_USER_INPUT naming the argument or input field at fault. */
export function badInput(field: string, message: string): GatewayError {
  return new GatewayError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
}

/** The code an upstream HTTP status maps to (`ALREADY_EXISTS` is decided by the caller that knows the upstream). */
export function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 415 || status === 422) return ErrorCode.BAD_USER_INPUT;
  if (status === 401) return ErrorCode.UNAUTHENTICATED;
  if (status === 403) return ErrorCode.FORBIDDEN;
  if (status === 404 || status === 410) return ErrorCode.NOT_FOUND;
  if (status === 409 || status === 412) return ErrorCode.CONFLICT;
  if (status === 408 || status === 504) return ErrorCode.UPSTREAM_TIMEOUT;
  if (status === 429 || status === 502 || status === 503) return ErrorCode.UPSTREAM_UNAVAILABLE;
  return ErrorCode.UPSTREAM_ERROR;
}

const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/g;
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi;
const KEY_VALUE = /\b(\w*(?:token|apikey|api_key|password|secret|authorization|privatekey|private_key|credentials?))(["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s"',&}]+)/gi;
/**
 * A validation message about a secret-named field or any member of a connection
 * (`connection.config.password must be a string, got {…}`, `connection.config.gcpConfig must be an
 * object, got "-----BEGIN…"`): what it got is masked, whatever its type, so a secret pasted in the
 * wrong shape or the wrong place is not echoed.
 */
const SECRET_FIELD_GOT = /(\b[\w.[\]]*(?:password|secret|token|api_?key|private_?key|credentials?|connection)[\w.[\]']*[^\n]*?\bgot )(.+)$/gim;
/**
 * A text none of the four patterns above can match lacks all of these (each pattern needs one): most
 * texts (the log's request ids, operation names, outcomes) skip the four replacements.
 */
const MAY_HOLD_CREDENTIAL = /bearer|basic|eyJ|:\/\/|token|apikey|api_key|password|secret|authorization|privatekey|private_key|credential|connection/i;

/**
 * Removes credentials from a text that may have come from an upstream or a library: bearer tokens,
 * JWTs, `user:password@` in URLs, `token=…`-style pairs, and every secret the gateway knows of.
 */
export function redact(text: string, secrets: Iterable<string | undefined> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4 && out.includes(secret)) out = out.split(secret).join("[redacted]");
  }
  if (!MAY_HOLD_CREDENTIAL.test(out)) return out;
  return out
    .replace(BEARER, "$1 [redacted]")
    .replace(JWT, "[redacted]")
    .replace(URL_CREDENTIALS, "$1[redacted]@")
    .replace(SECRET_FIELD_GOT, "$1[redacted]")
    .replace(KEY_VALUE, (_match, key: string, separator: string, value: string) => `${key}${separator}${/^["']/.test(value) ? `${value[0]}[redacted]${value[0]}` : "[redacted]"}`);
}

/** The message of every INTERNAL_SERVER_ERROR: the cause stays in the log, never in the answer. */
export const INTERNAL_ERROR_MESSAGE = "internal error: the gateway failed; the log line with this request id holds the detail";

/**
 * Whether an error reaching Apollo Server is a fault inside the gateway: neither an UpstreamError nor a
 * GatewayError, nor one of GraphQL's own coded request errors (parse, validation, variables).
 */
export function isInternalFault(error: unknown): boolean {
  if (isCoded(unwrapResolverError(error))) return false;
  const code = (error as { extensions?: Record<string, unknown> } | undefined)?.extensions?.code;
  return typeof code !== "string" || code === ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * Apollo Server's `formatError`: the one place where UpstreamError and GatewayError become GraphQL
 * errors with `extensions.code` (and `extensions.upstream` where an upstream answered). Anything else
 * that is not already coded is a fault inside the gateway: INTERNAL_SERVER_ERROR with a generic
 * message (the request log holds its cause and stack, see request-log.ts).
 */
export function createFormatError(secrets: () => Iterable<string | undefined>) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof UpstreamError) {
      const known = [...secrets()];
      return { ...formatted, message: redact(original.message, known), extensions: { code: original.code, upstream: upstreamExtension(original, known) } };
    }
    if (original instanceof GatewayError) {
      const known = [...secrets()];
      const upstream = original.upstream ? { upstream: upstreamExtension(original.upstream, known) } : {};
      return { ...formatted, message: redact(original.message, known), extensions: { ...original.extensions, ...upstream, code: original.code } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === "string" && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const field = typeof formatted.extensions?.field === "string" ? { field: formatted.extensions.field } : {};
      return { ...formatted, message: redact(formatted.message, secrets()), extensions: { ...field, code: mapApolloCode(code) } };
    }
    return { message: INTERNAL_ERROR_MESSAGE, locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}

/** `extensions.upstream`: what the upstream answered, its message scrubbed of credentials. */
function upstreamExtension(error: UpstreamError, secrets: Iterable<string | undefined>) {
  return {
    service: error.service,
    status: error.status ?? null,
    code: error.detail.code ?? null,
    message: error.detail.message === undefined ? null : redact(error.detail.message, secrets),
    trace: error.detail.trace ?? null,
  };
}

/**
 * Apollo's own request-level codes (parse and validation failures, and `BAD_REQUEST`: no query, a GET
 * without a CSRF-safe header, a malformed `variables`) are bad input from the caller: the public list of
 * codes has no other.
 */
function mapApolloCode(code: string): string {
  if (code === "GRAPHQL_PARSE_FAILED" || code === "GRAPHQL_VALIDATION_FAILED" || code === "BAD_USER_INPUT" || code === "BAD_REQUEST" || code === "PERSISTED_QUERY_NOT_FOUND" || code === "OPERATION_RESOLUTION_FAILURE") {
    return ErrorCode.BAD_USER_INPUT;
  }
  return code;
}

/** Whether an error is one of the gateway's coded errors (used where a batch keeps per-key errors). */
export function isCoded(error: unknown): error is UpstreamError | GatewayError {
  return error instanceof UpstreamError || error instanceof GatewayError;
}

/** Whether an error is an upstream's NOT_FOUND answer (what a read of one entity turns into `null`). */
export function isNotFound(error: unknown): error is UpstreamError {
  return error instanceof UpstreamError && error.code === ErrorCode.NOT_FOUND;
}
