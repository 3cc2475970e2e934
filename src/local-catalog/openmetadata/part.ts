import type { CatalogPart, PartContext } from "../part.js";
import type { Router } from "../router.js";
import { createAuthenticator, type AuthOptions } from "./auth.js";
import { assetRules } from "./asset-rules.js";
import { EntityRepository } from "./entity-repository.js";
import { pipelineStatusRoutes, testConnectionRoutes } from "./kind-routes.js";
import { ENTITY_KINDS, ML_MODEL, PIPELINE, type EntityKind } from "./kinds.js";
import { registerReferenceRoutes } from "./reference-routes.js";
import { ReferenceStore, type ReferenceDocument } from "./references.js";
import { registerEntityRoutes, type RouteContext } from "./routes.js";
import { seedReferences, seedServices } from "./sample-data.js";
import { seedAssets } from "./sample-assets.js";
import { seedSampleServices } from "./sample-services.js";
import { serviceRules } from "./service-rules.js";
import { ML_MODEL_SERVICE } from "./services/mlmodel.js";
import { PIPELINE_SERVICE } from "./services/pipeline.js";
import { EntityStore } from "./store.js";
import { DEFAULT_SESSION_TIMEOUT_MS } from "./versioning.js";

/**
 * Options of the OpenMetadata part (`startLocalCatalog({ openmetadata })`). Token mapping and bot/deny
 * lists come from {@link AuthOptions}: a token equal to a seeded user name (`alice`, `bob`,
 * `ingestion-bot`, …) authenticates as that user, `tokens` maps others, anything else is `admin`.
 */
export interface OpenMetadataOptions extends AuthOptions {
  /** Serve `PUT …/bulk` on every collection (default true); false answers 405 like a missing Jersey route. */
  bulk?: boolean;
  /** Same-user PATCH consolidation window (docs/upstream/openmetadata.md §5.2 rule 7). Default 600000 ms. */
  sessionTimeoutMs?: number;
  /** Add `errorType` to error bodies, as newer exception classes do (§4.1). Default false. */
  errorType?: boolean;
  /** Mask secrets for non-bot callers (default true); false behaves like a server without authorizer. */
  maskSecrets?: boolean;
}

/**
 * The OpenMetadata part of the local catalog: every row of the kinds table (`/api/v1/services/<kind>
 * Services` for each service kind, `/api/v1/mlmodels`, `/api/v1/pipelines`) with
 * the behaviour of docs/upstream/openmetadata.md §3–§9, plus read endpoints (by id, by name, list) for the
 * users, teams, tags, domains and data products entities refer to. Tables (`om_*`) are created when the
 * part is made.
 */
export function createOpenMetadataPart(context: PartContext, options: OpenMetadataOptions = {}): CatalogPart {
  const store = new EntityStore(context.db);
  const references = new ReferenceStore(context.db);
  const sessionTimeoutMs = options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
  const repositories = new Map(
    ENTITY_KINDS.map((kind) => {
      const rules = "types" in kind.service ? serviceRules(kind, store) : assetRules(kind, store, references);
      return [kind, new EntityRepository(kind, rules, store, references, sessionTimeoutMs)];
    }),
  );
  const repository = (kind: EntityKind) => repositories.get(kind)!;
  // The routes a kind has besides the generic pattern: services their test-connection result, pipelines their runs.
  const extraRoutes = (kind: EntityKind) =>
    "types" in kind.service ? testConnectionRoutes(repository(kind), routes) : kind === PIPELINE ? pipelineStatusRoutes(repository(kind), routes) : undefined;
  const known = new Map<string, ReferenceDocument>();
  const user = (name: string) => {
    let doc = known.get(name);
    if (!doc) {
      doc = references.findByFqn("user", name);
      if (doc) known.set(name, doc);
    }
    return doc;
  };
  const users = { isUser: (name: string) => user(name) !== undefined, isBot: (name: string) => user(name)?.isBot === true };
  const routes: RouteContext = {
    auth: createAuthenticator(options, users, () => context.clock.now()),
    references,
    baseUrl: context.baseUrl,
    now: () => context.clock.now(),
    bulk: options.bulk ?? true,
    errorType: options.errorType ?? false,
    maskSecrets: options.maskSecrets ?? true,
  };
  return {
    register(router: Router): void {
      for (const kind of ENTITY_KINDS) registerEntityRoutes(router, repository(kind), routes, extraRoutes(kind));
      registerReferenceRoutes(router, routes);
    },
    seed(): void {
      seedReferences(references);
      const now = context.clock.now();
      seedServices(repository(ML_MODEL_SERVICE), repository(PIPELINE_SERVICE), now);
      seedAssets(repository(ML_MODEL), repository(PIPELINE), now, context.baseUrl());
      seedSampleServices((entityType) => repository(ENTITY_KINDS.find((kind) => kind.entityType === entityType)!), now);
    },
  };
}
