import { isPlainObject } from "../plain-object.js";
import { changedFields, diffServices, isEmptyChange, type FieldChanges } from "./change-description.js";
import { prepareConnection } from "./connection.js";
import { badRequest, CatalogError, constraintViolations, internalError, invalidRequestFormat, notFound } from "./errors.js";
import { ifMatchAdmits, preconditionFailedMessage } from "./etag.js";
import { entityNameViolations, quoteName } from "./names.js";
import { formatVersion } from "./json.js";
import { applyJsonPatch } from "./json-patch.js";
import type { ServiceKind } from "./kinds.js";
import type { ReferenceStore } from "./references.js";
import { renderService } from "./render.js";
import { tenths, type Include, type ListQuery, type ServicePage, type ServiceStore } from "./store.js";
import type { Caller, ChangeDescription, ChangeSummaryEntry, EntityReference, ServiceEntity } from "./types.js";
import { isUuid, newId } from "./uuid.js";
import { consolidates, FIRST_VERSION, nextVersion, type Operation } from "./versioning.js";

/** The `X-OpenMetadata-Change` values (openmetadata-contract.md §1.4). */
export type ChangeType =
  | "entityCreated"
  | "entityUpdated"
  | "entityNoChange"
  | "entitySoftDeleted"
  | "entityDeleted"
  | "entityRestored"
  | "entityFieldsChanged";

/** The outcome of a write: the entity to answer with, what happened, and this request's own change. */
export interface WriteResult {
  entity: ServiceEntity;
  change: ChangeType;
  /** The change of this request alone (the PATCH response shows it as `changeDescription`, §3.6). */
  incremental?: ChangeDescription;
}

/** Which service a by-id or by-name route addresses. */
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

const COMMON_CREATE_KEYS = [
  "name",
  "displayName",
  "description",
  "serviceType",
  "connection",
  "tags",
  "owners",
  "dataProducts",
  "domains",
  "ingestionRunner",
  "entityStatus",
];
const ENTITY_KEYS = new Set([
  "id",
  "name",
  "fullyQualifiedName",
  "serviceType",
  "description",
  "displayName",
  "version",
  "updatedAt",
  "updatedBy",
  "impersonatedBy",
  "pipelines",
  "connection",
  "testConnectionResult",
  "tags",
  "owners",
  "href",
  "changeDescription",
  "incrementalChangeDescription",
  "deleted",
  "entityStatus",
  "dataProducts",
  "followers",
  "domains",
  "ingestionRunner",
]);
const ENTITY_STATUSES = new Set(["Draft", "In Review", "Approved", "Deprecated", "Rejected"]);
const CHANGE_SOURCES = new Set(["Manual", "Propagated", "Automated", "Derived", "Ingested", "Suggested"]);
const TEST_CONNECTION_KEYS = new Set(["lastUpdatedAt", "status", "steps"]);
const TEST_CONNECTION_STATUSES = new Set(["Successful", "Failed", "Running"]);

/** A parsed create request (§2.2). */
interface CreateRequest {
  name: string;
  serviceType: string;
  displayName?: string;
  description?: string;
  connection?: unknown;
  tags?: unknown;
  owners?: unknown;
  dataProducts?: unknown;
  domains?: unknown;
  ingestionRunner?: EntityReference;
  entityStatus?: string;
}

/**
 * The behaviour of one service collection — create, create-or-update, PATCH, delete, restore, history,
 * followers — with OpenMetadata's rules (openmetadata-contract.md §3, §5, §7). Every write is one SQLite
 * transaction. One instance per entry of the kinds table.
 */
export class ServiceRepository {
  /** The keys a create request of this kind may carry (§2.2). */
  private readonly createKeys: ReadonlySet<string>;

  constructor(
    readonly kind: ServiceKind,
    private readonly store: ServiceStore,
    private readonly references: ReferenceStore,
    private readonly sessionTimeoutMs: number,
  ) {
    this.createKeys = new Set([...COMMON_CREATE_KEYS, ...kind.extraCreateKeys]);
  }

  /** A service by id or name honouring `include`; 404 with the server's text (§3.2, §3.3). */
  get(target: Target, include: Include): ServiceEntity {
    const entity = this.find(target);
    if (!entity || (include === "non-deleted" && entity.deleted) || (include === "deleted" && !entity.deleted)) throw this.notFound(target);
    return entity;
  }

  /** The reference store the repository resolves owners, tags and domains with. */
  referenceStore(): ReferenceStore {
    return this.references;
  }

  /** One page of the collection (§3.1). */
  list(query: ListQuery): ServicePage {
    return this.store.list(this.kind.entityType, query);
  }

  /** A service by id or (quoted) name, deleted or not. */
  find(target: Target): ServiceEntity | undefined {
    return "id" in target ? this.store.findById(this.kind.entityType, target.id) : this.store.findByFqn(this.kind.entityType, quoteName(target.name));
  }

  /** POST: a new service, 409 when the FQN is taken even by a soft-deleted one (§3.4). */
  create(body: unknown, caller: Caller, now: number): ServiceEntity {
    return this.store.transaction(() => {
      const request = this.parseCreate(body, "POST");
      const entity = this.newEntity(request, caller, now);
      this.insert(entity);
      return entity;
    });
  }

  /**
   * PUT: create, or update with the PUT rules (§3.5); soft-deleted services are restored. The service the
   * body names is looked up once, first: `authorize` is asked for `EditAll` when it exists, `Create`
   * otherwise, before the body is validated (a denied caller gets the 403, not a 400).
   */
  createOrUpdate(body: unknown, caller: Caller, now: number, authorize: (operation: "Create" | "EditAll") => void): WriteResult {
    return this.store.transaction(() => {
      const name = typeof body === "object" && body !== null ? (body as { name?: unknown }).name : undefined;
      const stored = typeof name === "string" ? this.find({ name }) : undefined;
      authorize(stored ? "EditAll" : "Create");
      const request = this.parseCreate(body, "PUT");
      if (!stored) {
        const entity = this.newEntity(request, caller, now);
        this.insert(entity);
        return { entity, change: "entityCreated" };
      }
      if (request.serviceType !== stored.serviceType) throw badRequest(`${this.kind.entityType} attribute serviceType can't be modified`);
      const updated: ServiceEntity = { ...stored };
      const keepDescription = caller.bot && stored.description !== undefined && stored.description !== "";
      setOptional(updated, "description", keepDescription ? stored.description : request.description);
      setOptional(updated, "displayName", request.displayName);
      if (request.connection !== undefined && request.connection !== null) {
        updated.connection = prepareConnection(stored.serviceType, request.connection, stored.connection);
      }
      const owners = this.references.owners(request.owners);
      if (owners.length > 0) updated.owners = owners;
      const tags = this.references.tagLabels(request.tags);
      updated.tags = [...stored.tags, ...tags.filter((t) => !stored.tags.some((s) => s.tagFQN === t.tagFQN))];
      if (request.domains !== undefined && !(caller.bot && stored.domains.length > 0)) {
        updated.domains = this.references.referencesByFqn(request.domains, "domain");
      }
      if (request.dataProducts !== undefined) updated.dataProducts = this.references.referencesByFqn(request.dataProducts, "dataProduct");
      if (request.entityStatus !== undefined) updated.entityStatus = request.entityStatus;
      if (request.ingestionRunner !== undefined) updated.ingestionRunner = request.ingestionRunner;
      if (stored.deleted) {
        updated.deleted = false;
        this.store.markChildren(stored.id, false);
      }
      return this.applyUpdate(stored, updated, "PUT", caller, now, {});
    });
  }

  /** PATCH by id or name (§3.6, §6.2, §7.1): RFC 6902 in order, protected fields restored, versioned (§5). */
  patch(target: Target, operations: unknown, caller: Caller, now: number, options: PatchOptions): WriteResult {
    if (options.changeSource !== undefined && !CHANGE_SOURCES.has(options.changeSource)) throw badRequest(`Invalid change source ${options.changeSource}`);
    return this.store.transaction(() => {
      const stored = this.get(target, "non-deleted");
      if (!ifMatchAdmits(options.ifMatch, stored.version, stored.updatedAt)) {
        throw new CatalogError(412, preconditionFailedMessage(stored.version, stored.updatedAt));
      }
      if (!Array.isArray(operations)) throw badRequest("A JSON Patch document must be an array of operations");
      const kept = operations.filter((op) => !(typeof op === "object" && op !== null && typeof op.path === "string" && op.path.endsWith("href")));
      const document = renderService(stored, { baseUrl: options.baseUrl, collection: this.kind.collection, fields: "all", mask: options.mask });
      const patched = applyJsonPatch(document, kept);
      const updated = this.fromPatchedDocument(patched, stored);
      const ifMatch = options.ifMatch !== undefined && options.ifMatch.trim() !== "";
      return this.applyUpdate(stored, updated, "PATCH", caller, now, { ifMatch, changeSource: options.changeSource });
    });
  }

  /** DELETE (§3.7): soft (version bump) or hard (row and history gone); non-empty needs `recursive`. */
  delete(target: Target, hardDelete: boolean, recursive: boolean, caller: Caller, now: number): WriteResult {
    return this.store.transaction(() => {
      const stored = this.get(target, hardDelete ? "all" : "non-deleted");
      if (!recursive && this.store.liveChildren(stored.id) > 0) throw badRequest(`${this.kind.entityType} is not empty`);
      if (hardDelete) {
        this.store.remove(stored.id);
        return { entity: stored, change: "entityDeleted" };
      }
      if (recursive) this.store.markChildren(stored.id, true);
      const result = this.applyUpdate(stored, { ...stored, deleted: true }, "DELETE", caller, now, {});
      return { ...result, change: "entitySoftDeleted" };
    });
  }

  /** PUT /restore (§3.8): a soft-deleted service comes back with a version bump; anything else is a 500. */
  restore(body: unknown, caller: Caller, now: number): WriteResult {
    if (!isPlainObject(body)) throw invalidRequestFormat();
    const keys = Object.keys(body);
    if (keys.some((k) => k !== "id")) throw invalidRequestFormat();
    const id = (body as { id?: unknown }).id;
    if (id === undefined || id === null) throw constraintViolations(["id must not be null"]);
    if (!isUuid(id)) throw invalidRequestFormat();
    return this.store.transaction(() => {
      const stored = this.store.findById(this.kind.entityType, id);
      if (!stored || !stored.deleted) throw internalError(`Cannot restore ${this.kind.entityType} ${id}: it is not soft-deleted`);
      this.store.markChildren(stored.id, false);
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

  /** PUT testConnectionResult (§3.12): stored without a version bump. */
  setTestConnectionResult(id: string, body: unknown): ServiceEntity {
    const result = parseTestConnectionResult(body);
    return this.store.transaction(() => {
      const stored = this.get({ id }, "non-deleted");
      const entity = { ...stored, testConnectionResult: result };
      this.store.update(entity);
      return entity;
    });
  }

  /** All snapshots, newest first (§3.9); works for soft-deleted services, 404 after a hard delete. */
  versions(id: string): ServiceEntity[] {
    this.get({ id }, "all");
    return this.store.listVersions(id);
  }

  /** One snapshot (§3.10): a non-numeric version is a 400, an unknown one a 404. */
  version(id: string, raw: string): ServiceEntity {
    this.get({ id }, "all");
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw.trim())) throw badRequest(`For input string: "${raw}"`);
    const version = Number(raw.trim());
    const exact = Math.abs(version * 10 - Math.round(version * 10)) < 1e-9;
    const snapshot = exact ? this.store.getVersion(id, tenths(version)) : undefined;
    if (!snapshot) throw notFound(this.kind.entityType, `${id} and version ${exact ? formatVersion(version) : String(version)}`);
    return snapshot;
  }

  /** Adds a child (pipeline / ML model) under a service so that deleting it needs `recursive=true`. */
  addChild(serviceId: string, name: string): string {
    const id = newId();
    this.store.transaction(() => {
      this.get({ id: serviceId }, "all");
      this.store.addChild(serviceId, id, name);
    });
    return id;
  }

  /**
   * The versioning core (§5): no change keeps everything; a PATCH that meets the nine rules of §5.2 is
   * merged into the stored version (or reverts it when the merged change is empty); anything else is a
   * minor bump. Stores the entity and the snapshot of its version.
   */
  applyUpdate(
    stored: ServiceEntity,
    updated: ServiceEntity,
    operation: Operation,
    caller: Caller,
    now: number,
    options: { ifMatch?: boolean; changeSource?: string },
  ): WriteResult {
    const incremental = diffServices(stored, updated);
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
      const combined = diffServices(previous, updated);
      if (isEmptyChange(combined)) {
        const reverted: ServiceEntity = {
          ...updated,
          version: previous.version,
          updatedAt: previous.updatedAt,
          updatedBy: previous.updatedBy,
          incrementalChangeDescription: incrementalDescription,
        };
        setOptional(reverted, "changeDescription", previous.changeDescription);
        this.store.dropVersion(stored.id, tenths(stored.version));
        this.save(reverted);
        return { entity: reverted, change: "entityUpdated", incremental: incrementalDescription };
      }
      const summary = summaryFor(combined, stored.changeDescription?.changeSummary ?? {}, undefined);
      Object.assign(summary, incrementalDescription.changeSummary);
      const entity: ServiceEntity = {
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
    const entity: ServiceEntity = {
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
  insert(entity: ServiceEntity): void {
    try {
      this.store.insert(this.kind.entityType, entity);
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith("SQLITE_CONSTRAINT")) throw new CatalogError(409, "Entity already exists");
      throw error;
    }
    this.store.putVersion(entity);
  }

  /** Builds (without storing) the entity a create request describes. */
  newEntity(request: CreateRequest, caller: Caller, now: number): ServiceEntity {
    const entity: ServiceEntity = {
      id: newId(),
      name: request.name,
      fullyQualifiedName: quoteName(request.name),
      serviceType: request.serviceType,
      version: FIRST_VERSION,
      updatedAt: now,
      updatedBy: caller.name,
      tags: this.references.tagLabels(request.tags),
      owners: this.references.owners(request.owners),
      deleted: false,
      dataProducts: this.references.referencesByFqn(request.dataProducts, "dataProduct"),
      followers: [],
      domains: this.references.referencesByFqn(request.domains, "domain"),
    };
    setOptional(entity, "description", request.description);
    setOptional(entity, "displayName", request.displayName);
    if (request.connection !== undefined && request.connection !== null) {
      entity.connection = prepareConnection(request.serviceType, request.connection, undefined);
    }
    setOptional(entity, "entityStatus", request.entityStatus);
    setOptional(entity, "ingestionRunner", request.ingestionRunner);
    return entity;
  }

  /**
   * Reads a create request as Jackson and bean validation would (§2.2, §4.2, §7.4): unknown keys and
   * wrong types → `Invalid request format`; then `[name must not be null]`, name size / pattern.
   * A PUT carrying `deleted: true` is refused with `{T} attribute deleted can't be modified` (§3.5).
   */
  parseCreate(body: unknown, method: "POST" | "PUT"): CreateRequest {
    if (!isPlainObject(body)) throw invalidRequestFormat();
    const input = body as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      if (key === "deleted" && method === "PUT") {
        if (input.deleted === true) throw badRequest(`${this.kind.entityType} attribute deleted can't be modified`);
        continue;
      }
      if (!this.createKeys.has(key)) throw invalidRequestFormat();
    }
    const optionalString = (key: string) => {
      const value = input[key];
      if (value !== undefined && value !== null && typeof value !== "string") throw invalidRequestFormat();
      return (value ?? undefined) as string | undefined;
    };
    const name = optionalString("name");
    const serviceType = optionalString("serviceType");
    if (serviceType !== undefined && !this.kind.serviceTypes.includes(serviceType)) throw invalidRequestFormat();
    const entityStatus = optionalString("entityStatus");
    if (entityStatus !== undefined && !ENTITY_STATUSES.has(entityStatus)) throw invalidRequestFormat();
    optionalString("scheduleInterval");
    for (const key of ["connection", "lifeCycle", "ingestionRunner"]) {
      const value = input[key];
      if (value !== undefined && value !== null && !isPlainObject(value)) throw invalidRequestFormat();
    }
    for (const key of ["tags", "owners", "dataProducts", "domains"]) {
      const value = input[key];
      if (value !== undefined && value !== null && !Array.isArray(value)) throw invalidRequestFormat();
    }
    for (const key of ["dataProducts", "domains"]) {
      const value = input[key];
      if (Array.isArray(value) && value.some((v) => typeof v !== "string")) throw invalidRequestFormat();
    }
    const violations: string[] = [];
    if (name === undefined) violations.push("name must not be null");
    else violations.push(...entityNameViolations(name).map((v) => `name ${v}`));
    if (serviceType === undefined) violations.push("serviceType must not be null");
    if (violations.length > 0) throw constraintViolations(violations);
    return {
      name: name as string,
      serviceType: serviceType as string,
      displayName: optionalString("displayName"),
      description: optionalString("description"),
      connection: input.connection ?? undefined,
      tags: input.tags ?? undefined,
      owners: input.owners ?? undefined,
      dataProducts: input.dataProducts ?? undefined,
      domains: input.domains ?? undefined,
      ingestionRunner: parseRunner(input.ingestionRunner),
      entityStatus,
    };
  }

  private save(entity: ServiceEntity): void {
    this.store.update(entity);
    this.store.putVersion(entity);
  }

  /** The patched JSON document back into a stored entity, protected attributes restored (§7.1). */
  private fromPatchedDocument(patched: unknown, stored: ServiceEntity): ServiceEntity {
    if (!isPlainObject(patched)) throw invalidRequestFormat();
    const doc = patched as Record<string, unknown>;
    if (Object.keys(doc).some((k) => !ENTITY_KEYS.has(k))) throw invalidRequestFormat();
    if (doc.deleted !== undefined && doc.deleted !== null && typeof doc.deleted !== "boolean") throw invalidRequestFormat();
    if (doc.deleted === true) throw badRequest(`${this.kind.entityType} attribute deleted can't be modified`);
    if (doc.serviceType !== stored.serviceType) {
      if (typeof doc.serviceType !== "string") throw invalidRequestFormat();
      throw badRequest(`${this.kind.entityType} attribute serviceType can't be modified`);
    }
    const text = (key: string): string | undefined => {
      const value = doc[key];
      if (value === undefined || value === null) return undefined;
      if (typeof value !== "string") throw invalidRequestFormat();
      return value;
    };
    const updated: ServiceEntity = {
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
    setOptional(updated, "ingestionRunner", parseRunner(doc.ingestionRunner));
    if (doc.connection === undefined || doc.connection === null) delete updated.connection;
    else updated.connection = prepareConnection(stored.serviceType, doc.connection, stored.connection);
    return updated;
  }

  private notFound(target: Target): CatalogError {
    return "id" in target ? notFound(this.kind.entityType, target.id) : notFound(this.kind.entityType, quoteName(target.name));
  }
}

function describe(changes: FieldChanges, previousVersion: number, changeSummary: Record<string, ChangeSummaryEntry>): ChangeDescription {
  return { ...structuredClone(changes), previousVersion, changeSummary };
}

function summaryFor(
  changes: FieldChanges,
  existing: Record<string, ChangeSummaryEntry>,
  entry: ChangeSummaryEntry | undefined,
): Record<string, ChangeSummaryEntry> {
  const summary: Record<string, ChangeSummaryEntry> = {};
  for (const field of changedFields(changes)) {
    const value = entry ?? existing[field];
    if (value) summary[field] = { ...value };
  }
  return summary;
}

function parseRunner(value: unknown): EntityReference | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw invalidRequestFormat();
  const ref = value as Record<string, unknown>;
  if (!isUuid(ref.id) || typeof ref.type !== "string") throw invalidRequestFormat();
  return { ...(ref as unknown as EntityReference) };
}

function parseTestConnectionResult(body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) throw invalidRequestFormat();
  const result = body as Record<string, unknown>;
  if (Object.keys(result).some((k) => !TEST_CONNECTION_KEYS.has(k))) throw invalidRequestFormat();
  if (result.status !== undefined && !TEST_CONNECTION_STATUSES.has(result.status as string)) throw invalidRequestFormat();
  if (result.lastUpdatedAt !== undefined && typeof result.lastUpdatedAt !== "number") throw invalidRequestFormat();
  if (result.steps === undefined || result.steps === null) throw constraintViolations(["steps must not be null"]);
  if (!Array.isArray(result.steps)) throw invalidRequestFormat();
  return result;
}

function setOptional<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}
