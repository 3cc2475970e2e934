import { isPlainObject } from "../plain-object.js";
import { changedFields, diffEntities, isEmptyChange, type FieldChanges } from "./change-description.js";
import { badRequest, CatalogError, constraintViolations, internalError, invalidRequestFormat, notFound } from "./errors.js";
import { ifMatchAdmits, preconditionFailedMessage } from "./etag.js";
import { formatVersion } from "./json.js";
import { applyJsonPatch } from "./json-patch.js";
import type { EntityKind } from "./kinds.js";
import type { ReferenceStore } from "./references.js";
import { renderEntity } from "./render.js";
import { tenths, type EntityPage, type EntityStore, type Include, type ListQuery } from "./store.js";
import type { Caller, ChangeDescription, ChangeSummaryEntry, Entity } from "./types.js";
import { isUuid, newId } from "./uuid.js";
import { ENTITY_STATUSES, optionalString, parseCreateRequest, setOptional, type CreateRequest } from "./create-request.js";
import { consolidates, FIRST_VERSION, nextVersion, type Operation } from "./versioning.js";

/** The `X-OpenMetadata-Change` values (docs/upstream/openmetadata.md §1.4). */
export type ChangeType = "entityCreated" | "entityUpdated" | "entityNoChange" | "entitySoftDeleted" | "entityDeleted" | "entityRestored" | "entityFieldsChanged";

/** The outcome of a write: the entity to answer with, what happened, and this request's own change. */
export interface WriteResult {
  entity: Entity;
  change: ChangeType;
  /** The change of this request alone (the PATCH response shows it as `changeDescription`, §3.6). */
  incremental?: ChangeDescription;
}

/** Which entity a by-id or by-name route addresses. */
export type Target = { id: string } | { name: string };

/** Per-request inputs of a PATCH. */
export interface PatchOptions {
  ifMatch?: string;
  changeSource?: string;
  /** The caller sees masked secrets, so the patch applies to the masked document. */
  mask: boolean;
  baseUrl: string;
}

/** A follower change, answered as a ChangeEvent (§3.11). */
export interface FollowerEvent {
  id: string;
  eventType: string;
  entityType: string;
  entityId: string;
  entityFullyQualifiedName: string;
  previousVersion: number;
  currentVersion: number;
  userName: string;
  timestamp: number;
  changeDescription: ChangeDescription;
}

/** What one kind does differently (service-rules.ts, asset-rules.ts). */
export interface KindRules {
  /** Reads the kind's own create keys (types: `Invalid request format`; missing ones: bean `violations`). */
  parseOwn(input: Record<string, unknown>, violations: string[]): Record<string, unknown>;
  /** The FQN a create request names (§8.1); 404 when the service it names does not exist. */
  fqnOf(request: Pick<CreateRequest, "name" | "own">): string;
  /** The FQN a `/name/{fqn}` path means: the server re-quotes a service's one-part name (§8.3). */
  lookupFqn(fqn: string): string;
  /** The kind's own fields of a new entity, and the entity it lives in. */
  create(request: CreateRequest, fqn: string): { fields: Record<string, unknown>; parentId?: string };
  /** A PUT onto a stored entity: the kind's own fields (§3.5). */
  put(updated: Entity, stored: Entity, request: CreateRequest): void;
  /** A PATCH: the kind's own keys of the patched document onto `updated`, protected ones refused or restored (§7.1). */
  patch(doc: Record<string, unknown>, stored: Entity, updated: Entity): void;
  /** Soft delete, hard delete or restore of an entity reaches what it holds (a service's assets). */
  cascade?(entity: Entity, change: "soft" | "hard" | "restore" | "check", recursive: boolean): void;
}

const CHANGE_SOURCES = new Set(["Manual", "Propagated", "Automated", "Derived", "Ingested", "Suggested"]);

/**
 * The behaviour of one entity collection — create, create-or-update, PATCH, delete, restore, history,
 * followers — with OpenMetadata's rules (docs/upstream/openmetadata.md §3, §5, §7), for any row of the
 * kinds table. Every write is one SQLite transaction.
 */
export class EntityRepository {
  constructor(
    readonly kind: EntityKind,
    readonly rules: KindRules,
    readonly store: EntityStore,
    readonly references: ReferenceStore,
    private readonly sessionTimeoutMs: number,
  ) {}

  /** An entity by id or name honouring `include`; 404 with the server's text (§3.2, §3.3). */
  get(target: Target, include: Include): Entity {
    const entity = this.find(target);
    if (!entity || (include === "non-deleted" && entity.deleted) || (include === "deleted" && !entity.deleted)) throw this.notFound(target);
    return entity;
  }

  /** One page of the collection (§3.1). */
  list(query: ListQuery): EntityPage {
    return this.store.list(this.kind.entityType, query);
  }

  /** An entity by id or FQN (a one-part FQN is re-quoted as the server does, §8.3), deleted or not. */
  find(target: Target): Entity | undefined {
    if ("id" in target) return this.store.findById(this.kind.entityType, target.id);
    return this.store.findByFqn(this.kind.entityType, target.name) ?? this.store.findByFqn(this.kind.entityType, this.rules.lookupFqn(target.name));
  }

  /** POST: a new entity, 409 when the FQN is taken even by a soft-deleted one (§3.4). */
  create(body: unknown, caller: Caller, now: number): Entity {
    return this.store.transaction(() => {
      const request = this.parseCreate(body, "POST");
      const { entity, parentId } = this.newEntity(request, caller, now);
      this.insert(entity, parentId);
      return entity;
    });
  }

  /**
   * PUT: create, or update with the PUT rules (§3.5); soft-deleted entities are restored. The entity the
   * body names is looked up first: `authorize` is asked for `EditAll` when it exists, `Create` otherwise,
   * before the rest of the body is validated (a denied caller gets the 403, not a 400).
   */
  createOrUpdate(body: unknown, caller: Caller, now: number, authorize: (operation: "Create" | "EditAll") => void): WriteResult {
    return this.store.transaction(() => {
      const stored = this.namedIn(body);
      authorize(stored ? "EditAll" : "Create");
      const request = this.parseCreate(body, "PUT");
      const existing = stored ?? this.store.findByFqn(this.kind.entityType, this.rules.fqnOf(request));
      if (!existing) {
        const { entity, parentId } = this.newEntity(request, caller, now);
        this.insert(entity, parentId);
        return { entity, change: "entityCreated" };
      }
      const updated: Entity = { ...existing };
      const keepDescription = caller.bot && existing.description !== undefined && existing.description !== "";
      setOptional(updated, "description", keepDescription ? existing.description : request.description);
      setOptional(updated, "displayName", request.displayName);
      const owners = this.references.owners(request.owners);
      if (owners.length > 0) updated.owners = owners;
      const tags = this.references.tagLabels(request.tags);
      updated.tags = [...existing.tags, ...tags.filter((t) => !existing.tags.some((s) => s.tagFQN === t.tagFQN))];
      if (request.domains !== undefined && !(caller.bot && existing.domains.length > 0)) updated.domains = this.references.referencesByFqn(request.domains, "domain");
      if (request.dataProducts !== undefined) updated.dataProducts = this.references.referencesByFqn(request.dataProducts, "dataProduct");
      if (request.entityStatus !== undefined) updated.entityStatus = request.entityStatus;
      if (request.extension !== undefined) updated.extension = request.extension;
      if (request.lifeCycle !== undefined && this.kind.keys.includes("lifeCycle")) updated.lifeCycle = request.lifeCycle;
      this.rules.put(updated, existing, request);
      if (existing.deleted) {
        updated.deleted = false;
        this.rules.cascade?.(existing, "restore", true);
      }
      return this.applyUpdate(existing, updated, "PUT", caller, now, {});
    });
  }

  /** PATCH by id or name (§3.6, §6.2, §7.1): RFC 6902 in order, protected fields restored, versioned (§5). */
  patch(target: Target, operations: unknown, caller: Caller, now: number, options: PatchOptions): WriteResult {
    if (options.changeSource !== undefined && !CHANGE_SOURCES.has(options.changeSource)) throw badRequest(`Invalid change source ${options.changeSource}`);
    return this.store.transaction(() => {
      const stored = this.get(target, "non-deleted");
      if (!ifMatchAdmits(options.ifMatch, stored.version, stored.updatedAt)) throw new CatalogError(412, preconditionFailedMessage(stored.version, stored.updatedAt));
      if (!Array.isArray(operations)) throw badRequest("A JSON Patch document must be an array of operations");
      const kept = operations.filter((op) => !(typeof op === "object" && op !== null && typeof op.path === "string" && op.path.endsWith("href")));
      const document = renderEntity(this.kind, stored, { baseUrl: options.baseUrl, fields: "all", mask: options.mask });
      const updated = this.fromPatchedDocument(applyJsonPatch(document, kept), stored);
      const ifMatch = options.ifMatch !== undefined && options.ifMatch.trim() !== "";
      return this.applyUpdate(stored, updated, "PATCH", caller, now, { ifMatch, changeSource: options.changeSource });
    });
  }

  /** DELETE (§3.7): soft (version bump) or hard (row and history gone); a service still holding assets needs `recursive`. */
  delete(target: Target, hardDelete: boolean, recursive: boolean, caller: Caller, now: number): WriteResult {
    return this.store.transaction(() => {
      const stored = this.get(target, hardDelete ? "all" : "non-deleted");
      this.rules.cascade?.(stored, "check", recursive);
      if (hardDelete) {
        this.rules.cascade?.(stored, "hard", recursive);
        this.store.remove(stored.id);
        return { entity: stored, change: "entityDeleted" };
      }
      this.rules.cascade?.(stored, "soft", recursive);
      const result = this.applyUpdate(stored, { ...stored, deleted: true }, "DELETE", caller, now, {});
      return { ...result, change: "entitySoftDeleted" };
    });
  }

  /** PUT /restore (§3.8): a soft-deleted entity comes back with a version bump; anything else is a 500. */
  restore(body: unknown, caller: Caller, now: number): WriteResult {
    if (!isPlainObject(body) || Object.keys(body).some((k) => k !== "id")) throw invalidRequestFormat();
    const id = body.id;
    if (id === undefined || id === null) throw constraintViolations(["id must not be null"]);
    if (!isUuid(id)) throw invalidRequestFormat();
    return this.store.transaction(() => {
      const stored = this.store.findById(this.kind.entityType, id);
      if (!stored || !stored.deleted) throw internalError(`Cannot restore ${this.kind.entityType} ${id}: it is not soft-deleted`);
      this.rules.cascade?.(stored, "restore", true);
      const result = this.applyUpdate(stored, { ...stored, deleted: false }, "RESTORE", caller, now, {});
      return { ...result, change: "entityRestored" };
    });
  }

  /** PUT/DELETE followers (§3.11): a ChangeEvent, no version bump, `updatedAt` unchanged. */
  changeFollower(id: string, userId: unknown, add: boolean, caller: Caller, now: number): FollowerEvent {
    return this.store.transaction(() => {
      const stored = this.get({ id }, "non-deleted");
      if (typeof userId !== "string") throw invalidRequestFormat();
      const user = this.references.requireById("user", userId);
      const followers = stored.followers.filter((f) => f.id !== user.id);
      if (add) followers.push(user);
      this.store.update({ ...stored, followers });
      const delta = JSON.stringify([user]);
      return {
        id: newId(),
        eventType: "entityUpdated",
        entityType: this.kind.entityType,
        entityId: stored.id,
        entityFullyQualifiedName: stored.fullyQualifiedName,
        previousVersion: stored.version,
        currentVersion: stored.version,
        userName: caller.name,
        timestamp: now,
        changeDescription: {
          fieldsAdded: add ? [{ name: "followers", newValue: delta }] : [],
          fieldsUpdated: [],
          fieldsDeleted: add ? [] : [{ name: "followers", oldValue: delta }],
          previousVersion: stored.version,
        },
      };
    });
  }

  /** All snapshots, newest first (§3.9); works for soft-deleted entities, 404 after a hard delete. */
  versions(id: string): Entity[] {
    this.get({ id }, "all");
    return this.store.listVersions(id);
  }

  /** One snapshot (§3.10): a non-numeric version is a 400, an unknown one a 404. */
  version(id: string, raw: string): Entity {
    this.get({ id }, "all");
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw.trim())) throw badRequest(`For input string: "${raw}"`);
    const version = Number(raw.trim());
    const exact = Math.abs(version * 10 - Math.round(version * 10)) < 1e-9;
    const snapshot = exact ? this.store.getVersion(id, tenths(version)) : undefined;
    if (!snapshot) throw notFound(this.kind.entityType, `${id} and version ${exact ? formatVersion(version) : String(version)}`);
    return snapshot;
  }

  /**
   * The versioning core (§5): no change keeps everything; a PATCH that meets the nine rules of §5.2 is
   * merged into the stored version (or reverts it when the merged change is empty); anything else is a
   * minor bump. Stores the entity and the snapshot of its version.
   */
  applyUpdate(stored: Entity, updated: Entity, operation: Operation, caller: Caller, now: number, options: { ifMatch?: boolean; changeSource?: string }): WriteResult {
    const diff = (a: Entity, b: Entity) => diffEntities(a, b, this.kind.changeFields);
    const incremental = diff(stored, updated);
    if (isEmptyChange(incremental)) return { entity: stored, change: "entityNoChange" };
    const entry: ChangeSummaryEntry = { changeSource: options.changeSource ?? "Manual", changedBy: caller.name, changedAt: now };
    const incrementalDescription = describe(incremental, stored.version, summaryFor(incremental, {}, entry));
    const merge = consolidates({
      operation,
      ifMatch: options.ifMatch ?? false,
      stored,
      caller: caller.name,
      now,
      sessionTimeoutMs: this.sessionTimeoutMs,
      incremental,
      changeSource: options.changeSource,
    });
    const previous = merge ? this.store.getVersion(stored.id, tenths(stored.changeDescription!.previousVersion)) : undefined;
    if (previous) {
      const combined = diff(previous, updated);
      if (isEmptyChange(combined)) {
        const reverted: Entity = { ...updated, version: previous.version, updatedAt: previous.updatedAt, updatedBy: previous.updatedBy, incrementalChangeDescription: incrementalDescription };
        setOptional(reverted, "changeDescription", previous.changeDescription);
        this.store.dropVersion(stored.id, tenths(stored.version));
        this.save(reverted);
        return { entity: reverted, change: "entityUpdated", incremental: incrementalDescription };
      }
      const summary = summaryFor(combined, stored.changeDescription?.changeSummary ?? {}, undefined);
      Object.assign(summary, incrementalDescription.changeSummary);
      const entity: Entity = {
        ...updated,
        version: stored.version,
        updatedAt: now,
        updatedBy: caller.name,
        changeDescription: describe(combined, previous.version, summary),
        incrementalChangeDescription: incrementalDescription,
      };
      this.save(entity);
      return { entity, change: "entityUpdated", incremental: incrementalDescription };
    }
    const entity: Entity = {
      ...updated,
      version: nextVersion(stored.version),
      updatedAt: now,
      updatedBy: caller.name,
      changeDescription: incrementalDescription,
      incrementalChangeDescription: incrementalDescription,
    };
    this.save(entity);
    return { entity, change: "entityUpdated", incremental: incrementalDescription };
  }

  /** Inserts a brand-new entity and its first snapshot (sample data uses it too). */
  insert(entity: Entity, parentId?: string): void {
    try {
      this.store.insert(this.kind.entityType, entity, parentId);
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith("SQLITE_CONSTRAINT")) throw new CatalogError(409, "Entity already exists");
      throw error;
    }
    this.store.putVersion(entity);
  }

  /** Builds (without storing) the entity a create request describes, and the entity it lives in. */
  newEntity(request: CreateRequest, caller: Caller, now: number): { entity: Entity; parentId?: string } {
    const fqn = this.rules.fqnOf(request);
    const { fields, parentId } = this.rules.create(request, fqn);
    const entity: Entity = {
      id: newId(),
      name: request.name,
      fullyQualifiedName: fqn,
      version: FIRST_VERSION,
      updatedAt: now,
      updatedBy: caller.name,
      tags: this.references.tagLabels(request.tags),
      owners: this.references.owners(request.owners),
      deleted: false,
      dataProducts: this.references.referencesByFqn(request.dataProducts, "dataProduct"),
      followers: [],
      domains: this.references.referencesByFqn(request.domains, "domain"),
      ...fields,
    };
    setOptional(entity, "description", request.description);
    setOptional(entity, "displayName", request.displayName);
    setOptional(entity, "entityStatus", request.entityStatus);
    setOptional(entity, "extension", request.extension);
    if (this.kind.keys.includes("lifeCycle")) setOptional(entity, "lifeCycle", request.lifeCycle);
    return { entity, parentId };
  }

  /** Reads a create request (create-request.ts). */
  parseCreate(body: unknown, method: "POST" | "PUT"): CreateRequest {
    return parseCreateRequest(this.kind, this.rules, body, method);
  }

  /** Replaces the stored document (and the snapshot of its version). */
  save(entity: Entity): void {
    this.store.update(entity);
    this.store.putVersion(entity);
  }

  /** The stored entity a create request names, when its FQN can be worked out without validating the body. */
  private namedIn(body: unknown): Entity | undefined {
    if (!isPlainObject(body) || typeof body.name !== "string") return undefined;
    try {
      return this.store.findByFqn(this.kind.entityType, this.rules.fqnOf({ name: body.name, own: body }));
    } catch (error) {
      if (error instanceof CatalogError) return undefined;
      throw error;
    }
  }

  /** The patched JSON document back into a stored entity, protected attributes restored (§7.1). */
  private fromPatchedDocument(patched: unknown, stored: Entity): Entity {
    if (!isPlainObject(patched)) throw invalidRequestFormat();
    const doc = patched;
    if (Object.keys(doc).some((k) => !this.kind.keys.includes(k))) throw invalidRequestFormat();
    if (doc.deleted !== undefined && doc.deleted !== null && typeof doc.deleted !== "boolean") throw invalidRequestFormat();
    if (doc.deleted === true) throw badRequest(`${this.kind.entityType} attribute deleted can't be modified`);
    const text = (key: string) => optionalString(doc, key);
    const updated: Entity = {
      ...stored,
      tags: this.references.tagLabels(doc.tags),
      owners: this.references.owners(doc.owners),
      domains: this.references.references(doc.domains, ["domain"], "domains"),
      dataProducts: this.references.references(doc.dataProducts, ["dataProduct"], "dataProducts"),
      followers: this.references.references(doc.followers, ["user"], "followers"),
    };
    setOptional(updated, "description", text("description"));
    setOptional(updated, "displayName", text("displayName"));
    const status = text("entityStatus");
    if (status !== undefined && !ENTITY_STATUSES.has(status)) throw invalidRequestFormat();
    setOptional(updated, "entityStatus", status);
    for (const key of ["extension", "lifeCycle"]) {
      if (!this.kind.keys.includes(key)) continue;
      const value = doc[key];
      if (value !== undefined && value !== null && !isPlainObject(value)) throw invalidRequestFormat();
      setOptional(updated, key, (value ?? undefined) as Record<string, unknown> | undefined);
    }
    this.rules.patch(doc, stored, updated);
    return updated;
  }

  private notFound(target: Target): CatalogError {
    return notFound(this.kind.entityType, "id" in target ? target.id : this.rules.lookupFqn(target.name));
  }
}

function describe(changes: FieldChanges, previousVersion: number, changeSummary: Record<string, ChangeSummaryEntry>): ChangeDescription {
  return { ...structuredClone(changes), previousVersion, changeSummary };
}

function summaryFor(changes: FieldChanges, existing: Record<string, ChangeSummaryEntry>, entry: ChangeSummaryEntry | undefined): Record<string, ChangeSummaryEntry> {
  const summary: Record<string, ChangeSummaryEntry> = {};
  for (const field of changedFields(changes)) {
    const value = entry ?? existing[field];
    if (value) summary[field] = { ...value };
  }
  return summary;
}
