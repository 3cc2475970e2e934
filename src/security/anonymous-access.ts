import { HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import { ErrorCode } from "../errors.js";

/**
 * Refuses a request that carries no `Authorization` when anonymous access is off (`ANONYMOUS_ACCESS=false`):
 * UNAUTHENTICATED, HTTP 401, thrown while the request's context is made, so before any upstream call.
 * With anonymous access on, such a caller is served with `OPENMETADATA_TOKEN` (when set) on
 * OpenMetadata and the gateway's own credential on WML.
 */
export function checkAnonymousAccess(allowed: boolean, authorization: string | undefined, requestId: string): void {
  if (allowed || (authorization !== undefined && authorization.trim() !== "")) return;
  // Apollo Server reads `extensions.http` (a status and a header map) into the HTTP answer.
  const extensions: Record<string, unknown> = { code: ErrorCode.UNAUTHENTICATED, requestId, http: { status: 401, headers: new HeaderMap([["www-authenticate", "Bearer"]]) } };
  throw new GraphQLError("this gateway serves authenticated callers only: send an Authorization header", { extensions });
}
