import { randomUUID } from "node:crypto";
import type { Config } from "./config.js";
import type { BatchObserver } from "./observability/metrics.js";
import { DEFAULT_CONFLICT_RETRY, type ConflictRetry } from "./openmetadata/entity/conflict-retry.js";
import { createEntityLoaderSet } from "./openmetadata/entity/loader-set.js";
import { createReferenceLoader } from "./openmetadata/entity/references.js";
import { checkAnonymousAccess } from "./security/anonymous-access.js";
import { forwardedHeaders } from "./security/headers.js";
import type { CallObserver, CallScope, Upstream } from "./upstream/http.js";
import type { WmlClient } from "./wml/client.js";
import { createDeploymentLoaders } from "./wml/deployment/loaders.js";
import { DEFAULT_POLL_TIMING, type PollTiming } from "./wml/deployment/redeploy.js";
import type { DeploymentWatches } from "./wml/deployment-changed/watches.js";
import { createModelLoaders } from "./wml/model/loaders.js";
import { createSpaceMemberLoader } from "./wml/space-member.js";

/** What lives for the whole process: configuration and one upstream client per upstream API. */
export interface GatewayDeps {
  config: Config;
  openmetadata: Upstream;
  /** WML with the gateway's own credential (docs/upstream/wml.md §2). */
  wml: WmlClient;
  /** How `replaceAsset` polls (default `DEFAULT_POLL_TIMING`); tests shorten it. */
  wmlPolling?: PollTiming;
  /** The deployment pollers behind `deploymentChanged`, shared by every subscriber. */
  watches: DeploymentWatches;
  /** Every secret the gateway knows, for scrubbing messages and logs. */
  secrets(): string[];
  /** Told of each DataLoader batch (the batch-size metric). */
  observeBatch?: BatchObserver;
  /** How an unpinned update retries after losing a race (default `DEFAULT_CONFLICT_RETRY`); tests inject it. */
  conflictRetry?: ConflictRetry;
}

/** The incoming HTTP request's parts the context needs. */
export interface IncomingRequest {
  headers: Record<string, string | string[] | undefined>;
  /** Already resolved by the HTTP layer (which returns it in `x-request-id`); else read from the headers. */
  requestId?: string;
}

/** Each loader family, made per request by one factory; the context type is derived from it. */
function createLoaders(deps: GatewayDeps, scopes: { openmetadata: CallScope; wml: CallScope }) {
  return {
    /** The OpenMetadata loaders of one kind of the table (made on first use). */
    entities: createEntityLoaderSet(deps.openmetadata, scopes.openmetadata),
    /** Users, teams, domains, … by name (owners by name, domains by FQN). */
    references: createReferenceLoader(deps.openmetadata, scopes.openmetadata),
    deployment: createDeploymentLoaders(deps.wml, scopes.wml),
    model: createModelLoaders(deps.wml, scopes.wml),
    spaceMember: createSpaceMemberLoader(deps.wml, scopes.wml),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** The per-request context: loaders, upstream scopes with the caller's credentials, and the call count. */
export interface Context {
  requestId: string;
  config: Config;
  loaders: Loaders;
  openmetadata: { upstream: Upstream; scope: CallScope; conflictRetry: ConflictRetry };
  /** WML calls carry the gateway's WML credential, never the caller's `Authorization`. */
  wml: { client: WmlClient; scope: CallScope; polling: PollTiming; watches: DeploymentWatches };
  /**
   * Upstream calls made for this request so far, and updates retried after losing a race (both logged
   * per operation). An object, not a number:
   * Apollo Server shallow-copies the context for each operation, and the copies must share one count.
   */
  calls: { upstream: number; conflictRetries: number };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id of an incoming `x-request-id` value: kept when well-formed, else a new UUID. */
export function resolveRequestId(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

function header(request: IncomingRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Called once per GraphQL request. The caller's `Authorization` goes to OpenMetadata only (or the
 * configured OpenMetadata token when the caller sends none, unless anonymous access is off: then
 * UNAUTHENTICATED); `x-request-id` is accepted when well-formed,
 * else generated, and travels with every upstream call.
 */
export function createContext(deps: GatewayDeps, request: IncomingRequest): Context {
  const requestId = request.requestId ?? resolveRequestId(request.headers["x-request-id"]);
  checkAnonymousAccess(deps.config.anonymousAccess, header(request, "authorization"), requestId);
  const authorization = header(request, "authorization") ?? (deps.config.openmetadata.token ? `Bearer ${deps.config.openmetadata.token}` : undefined);
  const calls = { upstream: 0, conflictRetries: 0 };
  const context = { requestId, config: deps.config, calls } as Context;
  const observe: CallObserver = () => {
    calls.upstream++;
  };
  const forwarded = forwardedHeaders(request.headers);
  const openmetadataHeaders: Record<string, string> = { ...forwarded, "x-request-id": requestId };
  if (authorization) openmetadataHeaders.authorization = authorization;
  const openmetadata: CallScope = { observe, observeBatch: deps.observeBatch, headers: openmetadataHeaders };
  context.openmetadata = { upstream: deps.openmetadata, scope: openmetadata, conflictRetry: deps.conflictRetry ?? DEFAULT_CONFLICT_RETRY };
  const wml: CallScope = { observe, observeBatch: deps.observeBatch, headers: { ...forwarded, "x-request-id": requestId } };
  context.wml = { client: deps.wml, scope: wml, polling: deps.wmlPolling ?? DEFAULT_POLL_TIMING, watches: deps.watches };
  context.loaders = createLoaders(deps, { openmetadata, wml });
  return context;
}
