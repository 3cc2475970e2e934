import type { CatalogResponse } from "../router.js";

/** An error the OpenMetadata part answers as `{code, message}` (docs/upstream/openmetadata.md §4.1). */
export class CatalogError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "CatalogError";
  }
}

/** `<type> instance for <key> not found` (§4.3); `key` is an id, a quoted FQN, or `<id> and version <v>`. */
export function notFound(entityType: string, key: string): CatalogError {
  return new CatalogError(404, `${entityType} instance for ${key} not found`);
}

/** A 400 with the server's message. */
export function badRequest(message: string): CatalogError {
  return new CatalogError(400, message);
}

/** Jackson's answer to a body that does not map onto the request type (§4.2). */
export function invalidRequestFormat(): CatalogError {
  return badRequest("Invalid request format");
}

/** Jersey's answer when a path parameter does not convert (a malformed UUID, a bad enum in the query). */
export function jerseyNotFound(): CatalogError {
  return new CatalogError(404, "HTTP 404 Not Found");
}

/** A bean-validation failure: `[a must not be null, b size must be between 1 and 256]` (§4.2). */
export function constraintViolations(violations: string[]): CatalogError {
  return badRequest(`[${[...violations].sort().join(", ")}]`);
}

/** An unhandled server failure, worded like the generic exception mapper (§4.2). */
export function internalError(message: string): CatalogError {
  return new CatalogError(500, `An exception with message [${message}] was thrown while processing request.`);
}

const ERROR_TYPES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "ENTITY_NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "ENTITY_ALREADY_EXISTS",
  412: "PRECONDITION_FAILED",
  415: "UNSUPPORTED_MEDIA_TYPE",
  500: "INTERNAL_SERVER_ERROR",
};

const AUTH_CHALLENGE_STATUSES = new Set([401, 403, 404, 409, 412]);

/**
 * The response for an error: `{code, message}`, or `{code, errorType, message}` when `withErrorType`
 * (newer exception classes, §4.1); `WWW-Authenticate: om-auth` on 401/403/404/409/412.
 */
export function errorAnswer(error: CatalogError, withErrorType: boolean): CatalogResponse {
  const body = withErrorType
    ? { code: error.status, errorType: ERROR_TYPES[error.status] ?? "UNKNOWN", message: error.message }
    : { code: error.status, message: error.message };
  const headers: Record<string, string> = {};
  if (AUTH_CHALLENGE_STATUSES.has(error.status)) headers["www-authenticate"] = "om-auth";
  return { status: error.status, body, headers };
}
