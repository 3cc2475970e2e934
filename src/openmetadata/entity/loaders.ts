import DataLoader from "dataloader";
import { isNotFound } from "../../errors.js";
import type { CallScope, Upstream } from "../../upstream/http.js";
import { createPerKeyLoader } from "../../upstream/per-key-loader.js";
import { getEntity, getEntityVersion, getEntityVersions, type IncludeParam, type RelationField, type EntityKey } from "./api.js";
import { canonicalFqn } from "./fqn.js";
import type { EntityKind } from "./kind.js";
import type { EntityResource } from "./resource.js";

/** What a resolver asks for: an entity by id or name, the soft-delete filter, and the relations it needs. */
export type EntityLoad = EntityKey & { include: IncludeParam; fields: readonly RelationField[] };

interface Known {
  entity: EntityResource;
  fields: Set<RelationField>;
}

/**
 * The per-request memory of every entity of one kind this request has seen (by id and by FQN), with the relations
 * each was read with. A load that a known entity satisfies costs no upstream call, so a read by id primes
 * the read by name and the other way round, and a write's answer is what later fields see.
 */
class EntityMemory {
  constructor(private readonly kind: EntityKind) {}

  private readonly byId = new Map<string, Known>();
  private readonly idByFqn = new Map<string, string>();

  remember(entity: EntityResource, fields: Iterable<RelationField>): void {
    const previous = this.byId.get(entity.id);
    const merged = new Set(fields);
    // A document of the same state (version and update time: a consolidated change keeps the version)
    // keeps the relations the older read had; any other state starts over.
    if (previous && previous.entity.version === entity.version && previous.entity.updatedAt === entity.updatedAt) {
      for (const field of previous.fields) {
        if (!merged.has(field) && entity[field] === undefined) {
          entity = { ...entity, [field]: previous.entity[field] };
          merged.add(field);
        }
      }
    }
    this.byId.set(entity.id, { entity, fields: merged });
    this.idByFqn.set(entity.fullyQualifiedName, entity.id);
  }

  forget(id: string): void {
    const known = this.byId.get(id);
    if (known) this.idByFqn.delete(known.entity.fullyQualifiedName);
    this.byId.delete(id);
  }

  find(load: EntityLoad): EntityResource | undefined {
    const id = load.by === "id" ? load.id : this.idByFqn.get(canonicalFqn(this.kind, load.fqn));
    const known = id === undefined ? undefined : this.byId.get(id);
    if (!known) return undefined;
    if (!load.fields.every((f) => known.fields.has(f))) return undefined;
    const deleted = known.entity.deleted === true;
    if (load.include === "non-deleted" && deleted) return undefined;
    if (load.include === "deleted" && !deleted) return undefined;
    return known.entity;
  }
}

/** The relations present in an upstream answer (a write's answer carries what the server populated). */
function presentRelations(kind: EntityKind, entity: EntityResource): RelationField[] {
  return Object.keys(kind.relations).filter((field) => entity[field] !== undefined);
}

function groupKey(kind: EntityKind, load: EntityLoad): string {
  return `${load.by}\u0000${load.by === "id" ? load.id : canonicalFqn(kind, load.fqn)}\u0000${load.include}`;
}

/**
 * The loaders of one entity kind, made once per GraphQL request (`createContext`). Every load of one
 * batch that names the same entity is one GET with the union of the relations asked; loads by id go
 * first so that loads by name of the same entities are answered from their results. One value per key:
 * the entity, `null` when the upstream has none (404), or that key's own error.
 */
export function createEntityLoaders(kind: EntityKind, upstream: Upstream, scope: CallScope) {
  const memory = new EntityMemory(kind);
  const relations = Object.keys(kind.relations);

  async function fetchGroup(loads: EntityLoad[]): Promise<EntityResource | null | Error> {
    const first = loads[0];
    const fields = relations.filter((f) => loads.some((l) => l.fields.includes(f)));
    const key: EntityKey = first.by === "id" ? { by: "id", id: first.id } : { by: "name", fqn: first.fqn };
    try {
      const answer = await getEntity(upstream, scope, kind, key, { fields, include: first.include });
      memory.remember(answer.body, fields);
      return answer.body;
    } catch (error) {
      if (isNotFound(error)) return null;
      return error as Error;
    }
  }

  async function resolveAll(loads: readonly EntityLoad[]): Promise<Map<string, EntityResource | null | Error>> {
    const groups = new Map<string, EntityLoad[]>();
    for (const load of loads) {
      const group = groupKey(kind, load);
      const list = groups.get(group);
      if (list) list.push(load);
      else groups.set(group, [load]);
    }
    const results = new Map<string, EntityResource | null | Error>();
    const pending = (by: EntityLoad["by"]) => [...groups].filter(([, list]) => list[0].by === by);
    const settle = async (entries: Array<[string, EntityLoad[]]>) => {
      await Promise.all(
        entries.map(async ([group, list]) => {
          const [head, ...rest] = list;
          const known = memory.find(head);
          results.set(group, known && rest.every((l) => memory.find(l)) ? known : await fetchGroup(list));
        }),
      );
    };
    await settle(pending("id"));
    await settle(pending("name"));
    return results;
  }

  const entity = new DataLoader<EntityLoad, EntityResource | null>(
    async (loads) => {
      scope.observeBatch?.(`${kind.entityType}.entity`, loads.length);
      const results = await resolveAll(loads);
      return loads.map((load) => {
        const result = results.get(groupKey(kind, load));
        if (result === undefined || result === null || result instanceof Error) return result ?? null;
        // A load by name whose group was fetched with fewer relations than another load's is still exact.
        return memory.find(load) ?? result;
      });
    },
    // The memory above is the cache: it knows relations and both keys, which DataLoader's cache cannot.
    { cache: false },
  );

  const versions = new DataLoader<string, EntityResource[]>((ids) =>
    Promise.all(ids.map((id) => getEntityVersions(upstream, scope, kind, id).catch((error: Error) => error))),
  );

  const version = createPerKeyLoader(
    (key: { id: string; version: number }) => `${key.id}@${key.version}`,
    (key) => getEntityVersion(upstream, scope, kind, key.id, key.version),
  );

  return {
    entity,
    versions,
    version,
    /**
     * Records an answer read elsewhere (a list page, a write) so later loads of the same request see it;
     * `fields` defaults to the relations present in the document. A new version drops stale history.
     */
    prime(entity: EntityResource, fields: Iterable<RelationField> = presentRelations(kind, entity)): void {
      memory.remember(entity, fields);
      versions.clear(entity.id);
    },
    /** Forgets an entity (after a hard delete). */
    forget(id: string): void {
      memory.forget(id);
      versions.clear(id);
    },
  };
}

/** The loaders of one entity kind. */
export type EntityLoaders = ReturnType<typeof createEntityLoaders>;
