import { randomUUID } from "node:crypto";
import type { Config } from "./config.js";
import { ML_MODEL_SERVICE, PIPELINE_SERVICE } from "./openmetadata/service/kinds.js";
import { createServiceLoaders } from "./openmetadata/service/loaders.js";
import type { CallObserver, CallScope, Upstream } from "./upstream/http.js";
import type { WmlClient } from "./wml/client.js";
import { createDeploymentLoaders } from "./wml/deployment/loaders.js";
import { DEFAULT_POLL_TIMING, type PollTiming } from "./wml/deployment/redeploy.js";
import { createModelLoaders } from "./wml/model/loaders.js";

/** What lives for the whole process: configuration and one upstream client per upstream API. */
export interface GatewayDeps {
  config: Config;
  openmetadata: Upstream;
  /** WML with the gateway's own credential (wml-contract.md §2). */
  wml: WmlClient;
  /** How `replaceAsset` polls (default `DEFAULT_POLL_TIMING`); tests shorten it. */
  wmlPolling?: PollTiming;
  /** Every secret the gateway knows, for scrubbing messages and logs. */
  secrets(): string[];
}

/** The incoming HTTP request's parts the context needs. */
export interface IncomingRequest {
  headers: Record<string, string | string[] | undefined>;
}

/** Each loader family, made per request by one factory; the context type is derived from it. */
function createLoaders(deps: GatewayDeps, scopes: { openmetadata: CallScope; wml: CallScope }) {
  return {
    mlmodelService: createServiceLoaders(ML_MODEL_SERVICE, deps.openmetadata, scopes.openmetadata),
    pipelineService: createServiceLoaders(PIPELINE_SERVICE, deps.openmetadata, scopes.openmetadata),
    deployment: createDeploymentLoaders(deps.wml, scopes.wml),
    model: createModelLoaders(deps.wml, scopes.wml),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** The per-request context: loaders, upstream scopes with the caller's credentials, and the call count. */
export interface Context {
  requestId: string;
  config: Config;
  loaders: Loaders;
  openmetadata: { upstream: Upstream; scope: CallScope };
  /** WML calls carry the gateway's WML credential, never the caller's `Authorization`. */
  wml: { client: WmlClient; scope: CallScope; polling: PollTiming };
  /** Upstream calls made for this request so far (logged per operation). */
  upstreamCalls: number;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function header(request: IncomingRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Called once per GraphQL request. The caller's `Authorization` goes to OpenMetadata only (or the
 * configured OpenMetadata token when the caller sends none); `x-request-id` is accepted when well-formed,
 * else generated, and travels with every upstream call.
 */
export function createContext(deps: GatewayDeps, request: IncomingRequest): Context {
  const incomingId = header(request, "x-request-id");
  const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
  const authorization = header(request, "authorization") ?? (deps.config.openmetadata.token ? `Bearer ${deps.config.openmetadata.token}` : undefined);
  const context = { requestId, config: deps.config, upstreamCalls: 0 } as Context;
  const observe: CallObserver = () => {
    context.upstreamCalls++;
  };
  const openmetadata: CallScope = { observe, headers: { authorization, "x-request-id": requestId } };
  context.openmetadata = { upstream: deps.openmetadata, scope: openmetadata };
  const wml: CallScope = { observe, headers: { "x-request-id": requestId } };
  context.wml = { client: deps.wml, scope: wml, polling: deps.wmlPolling ?? DEFAULT_POLL_TIMING };
  context.loaders = createLoaders(deps, { openmetadata, wml });
  return context;
}
