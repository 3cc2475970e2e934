import type { CallScope, Upstream } from "../../upstream/http.js";
import type { EntityKind } from "./kind.js";
import { createEntityLoaders, type EntityLoaders } from "./loaders.js";

/**
 * The loaders of every kind for one GraphQL request, made on first use of each kind: `entities(kind)`
 * answers the same loaders for the same kind for the whole request.
 */
export function createEntityLoaderSet(upstream: Upstream, scope: CallScope): (kind: EntityKind) => EntityLoaders {
  const byType = new Map<string, EntityLoaders>();
  return (kind) => {
    let loaders = byType.get(kind.entityType);
    if (!loaders) {
      loaders = createEntityLoaders(kind, upstream, scope);
      byType.set(kind.entityType, loaders);
    }
    return loaders;
  };
}
