import type { CatalogPart, PartContext } from "../part.js";
import { FaultQueue } from "./faults.js";
import { countTokenExchanges, createIamTables, createTokenHandler, createTokenStateCheck, DEFAULT_TOKEN_LIFETIME_SECONDS, SAMPLE_API_KEY } from "./iam.js";
import { registerMemberRoutes, SpaceMembers } from "./members.js";
import { registerDeploymentRoutes } from "./routes/deployments.js";
import { registerModelRoutes } from "./routes/models.js";
import type { WmlRuntime } from "./runtime.js";
import { SAMPLE_OWNER, seedWmlSamples } from "./sample-data.js";
import { seedLabSamples } from "./sample-lab.js";
import { DEFAULT_RETIRED_SOFTWARE_SPECS } from "./specs.js";
import { WmlStore } from "./store.js";

/** The bearer token that always answers 401 `authentication_token_expired` unless configured otherwise (docs/upstream/wml.md §11 item 1). */
export const EXPIRED_TOKEN = "local-catalog-expired-token";

/** Options of the WML part (docs/upstream/wml.md §11); every field has a default suited to `npm start`. */
export interface WmlOptions {
  /** How long a new deployment stays `initializing` (docs/upstream/wml.md §4.3). Default 1500 ms. */
  deployDelayMs?: number;
  /** How long an `/asset`, serving-name, owner or scaling patch stays in progress (§4.6.3). Default 1500 ms. */
  assetUpdateDelayMs?: number;
  /** API keys `POST /identity/token` accepts (§2). Default `[SAMPLE_API_KEY]`. */
  apiKeys?: readonly string[];
  /** Lifetime of issued access tokens in seconds; after it WML answers 401 `authentication_token_expired` (§2). Default 3600. */
  tokenLifetimeSeconds?: number;
  /** A bearer token always answered 401 `authentication_token_expired`; `null` disables it. Default `EXPIRED_TOKEN`. */
  expiredToken?: string | null;
  /** `metadata.owner` of created resources (§3.1). Default `SAMPLE_OWNER`. */
  owner?: string;
  /** Software specification names refused on model create and patch (§10). Default `["runtime-22.1-py3.9"]`. */
  retiredSoftwareSpecs?: readonly string[];
}

/**
 * The WML v4 part of the local catalog (docs/upstream/wml.md §11): `/ml/v4/deployments`, `/ml/v4/models` (with
 * revisions), the spaces API's members (`/v2/spaces/{space_id}/members`, §13), the IAM-compatible `POST /identity/token`, `GET /_catalog/wml/token-exchanges` answering
 * `{count}` of successful API-key exchanges, and `POST`/`DELETE /_catalog/wml/faults` to inject 429/5xx
 * answers (see `FaultQueue`). State changes over time are computed from timestamps on read,
 * so no timer keeps the process alive.
 */
export function createWmlPart(context: PartContext, options: WmlOptions = {}): CatalogPart {
  const store = new WmlStore(context.db);
  const members = new SpaceMembers(context.db);
  createIamTables(context.db);
  const faults = new FaultQueue();
  const runtime: WmlRuntime = {
    store,
    clock: context.clock,
    guard: {
      tokenState: createTokenStateCheck(context.db, context.clock),
      expiredToken: options.expiredToken === null ? undefined : (options.expiredToken ?? EXPIRED_TOKEN),
      faults,
    },
    baseUrl: () => context.baseUrl(),
    deployDelayMs: nonNegative("deployDelayMs", options.deployDelayMs ?? 1500),
    assetUpdateDelayMs: nonNegative("assetUpdateDelayMs", options.assetUpdateDelayMs ?? 1500),
    owner: options.owner ?? SAMPLE_OWNER,
    retiredSoftwareSpecs: options.retiredSoftwareSpecs ?? DEFAULT_RETIRED_SOFTWARE_SPECS,
  };
  const iam = {
    apiKeys: options.apiKeys ?? [SAMPLE_API_KEY],
    tokenLifetimeSeconds: nonNegative("tokenLifetimeSeconds", options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS),
  };
  return {
    register(router) {
      const exchange = createTokenHandler(context.db, context.clock, iam);
      router.add("POST", "/identity/token", (req) => faults.take(req) ?? exchange(req));
      router.add("GET", "/_catalog/wml/token-exchanges", () => ({ status: 200, body: { count: countTokenExchanges(context.db) } }));
      router.add("POST", "/_catalog/wml/faults", (req) => faults.add(req));
      router.add("DELETE", "/_catalog/wml/faults", () => faults.clear());
      registerDeploymentRoutes(router, runtime);
      registerModelRoutes(router, runtime);
      registerMemberRoutes(router, runtime.guard, members);
    },
    seed() {
      seedWmlSamples(store);
      seedLabSamples(store, members);
    },
  };
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`expected a non-negative number for wml.${name}, got ${value}`);
  return value;
}
