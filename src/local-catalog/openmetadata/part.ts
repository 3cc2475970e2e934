import type { CatalogPart, PartContext } from "../part.js";
import type { Router } from "../router.js";
import { createAuthenticator, type AuthOptions } from "./auth.js";
import { SERVICE_KINDS } from "./kinds.js";
import { registerReferenceRoutes } from "./reference-routes.js";
import { ReferenceStore, type ReferenceDocument } from "./references.js";
import { registerServiceRoutes, type RouteContext } from "./routes.js";
import { seedReferences, seedServices } from "./sample-data.js";
import { ServiceRepository } from "./service-repository.js";
import { ServiceStore } from "./store.js";
import { DEFAULT_SESSION_TIMEOUT_MS } from "./versioning.js";

/**
 * Options of the OpenMetadata part (`startLocalCatalog({ openmetadata })`). Token mapping and bot/deny
 * lists come from {@link AuthOptions}: a token equal to a seeded user name (`alice`, `bob`,
 * `ingestion-bot`, …) authenticates as that user, `tokens` maps others, anything else is `admin`.
 */
export interface OpenMetadataOptions extends AuthOptions {
  /** Serve `PUT /api/v1/services/{C}/bulk` (default true); false answers 405 like a missing Jersey route. */
  bulk?: boolean;
  /** Same-user PATCH consolidation window (openmetadata-contract.md §5.2 rule 7). Default 600000 ms. */
  sessionTimeoutMs?: number;
  /** Add `errorType` to error bodies, as newer exception classes do (§4.1). Default false. */
  errorType?: boolean;
  /** Mask secrets for non-bot callers (default true); false behaves like a server without authorizer. */
  maskSecrets?: boolean;
}

/**
 * The OpenMetadata part of the local catalog: `/api/v1/services/mlmodelServices` and
 * `/api/v1/services/pipelineServices` with the behaviour of openmetadata-contract.md §3–§9, plus read
 * endpoints for the users, teams, tags, domains and data products services refer to. Tables (`om_*`)
 * are created when the part is made.
 */
export function createOpenMetadataPart(context: PartContext, options: OpenMetadataOptions = {}): CatalogPart {
  const store = new ServiceStore(context.db);
  const references = new ReferenceStore(context.db);
  const sessionTimeoutMs = options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
  const repositories = SERVICE_KINDS.map((kind) => new ServiceRepository(kind, store, references, sessionTimeoutMs));
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
      for (const repository of repositories) registerServiceRoutes(router, repository, routes);
      registerReferenceRoutes(router, routes);
    },
    seed(): void {
      seedReferences(references);
      const [ml, pipelines] = repositories;
      seedServices(ml, pipelines, context.clock.now());
    },
  };
}
