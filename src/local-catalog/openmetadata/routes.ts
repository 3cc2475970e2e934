import type { CatalogRequest, CatalogResponse, Handler, Router } from "../router.js";
import type { Authenticator } from "./auth.js";
import { handleBulk } from "./bulk.js";
import { badRequest, CatalogError, errorAnswer, jerseyNotFound } from "./errors.js";
import { entityEtag } from "./etag.js";
import { jsonAnswer, toJson } from "./json.js";
import { encodeCursor, parseCursors, parseLimit } from "./paging.js";
import type { ReferenceStore } from "./references.js";
import type { EntityRepository, Target, WriteResult } from "./entity-repository.js";
import type { EntityKind } from "./kinds.js";
import { renderEntity, type FieldSelection } from "./render.js";
import type { Include } from "./store.js";
import type { Caller, Entity } from "./types.js";
import { isUuid, newId } from "./uuid.js";

/** What the entity routes need from the part. */
export interface RouteContext {
  readonly auth: Authenticator;
  readonly references: ReferenceStore;
  readonly baseUrl: () => string;
  readonly now: () => number;
  /** Serve `PUT …/bulk` (seed 002); off → Jersey's 405 for an unknown route. */
  readonly bulk: boolean;
  readonly errorType: boolean;
  /** Mask secrets for non-bot callers (false: a server without authorizer). */
  readonly maskSecrets: boolean;
}

/** An authenticated handler: it gets the caller, throws {@link CatalogError}s. */
export type ServiceHandler = (req: CatalogRequest, caller: Caller) => CatalogResponse;

const INCLUDES = new Set<Include>(["non-deleted", "deleted", "all"]);

/** Wraps a handler: content-type check (415), bearer authentication (401), error bodies (§4). */
export function guarded(context: RouteContext, handler: ServiceHandler, consumes?: "json" | "json-patch"): Handler {
  return (req) => {
    try {
      if (consumes) checkContentType(req, consumes);
      const caller = context.auth.authenticate(req);
      return handler(req, caller);
    } catch (error) {
      if (error instanceof CatalogError) return errorAnswer(error, context.errorType);
      throw error;
    }
  };
}

/** The routes a kind adds to the common ones (a service's test-connection result, a pipeline's runs). */
export type ExtraRoutes = (add: (method: string, path: string, handler: ServiceHandler, consumes?: "json" | "json-patch") => void, tools: RouteTools) => void;

/** What extra routes use to answer like the common ones. */
export interface RouteTools {
  readonly base: string;
  render(entity: Entity, caller: Caller, fields: FieldSelection): Record<string, unknown>;
  requireUuid(value: string): string;
}

/** Registers every endpoint of docs/upstream/openmetadata.md §3 for one collection of the kinds table. */
export function registerEntityRoutes(router: Router, repository: EntityRepository, context: RouteContext, extra?: ExtraRoutes): void {
  const { kind } = repository;
  const base = `/api/v1/${kind.path}`;
  const mask = (caller: Caller) => context.maskSecrets && !caller.bot;
  const render = (entity: Entity, caller: Caller, fields: FieldSelection) => renderEntity(kind, entity, { baseUrl: context.baseUrl(), fields, mask: mask(caller) });
  const single = (entity: Entity, caller: Caller, fields: FieldSelection) =>
    jsonAnswer(200, render(entity, caller, fields), { etag: entityEtag(entity.version, entity.updatedAt) });
  const written = (status: number, result: WriteResult, caller: Caller, extra: Record<string, string> = {}) =>
    jsonAnswer(status, render(result.entity, caller, "all"), { "x-openmetadata-change": result.change, ...extra });
  const add = (method: string, path: string, handler: ServiceHandler, consumes?: "json" | "json-patch") =>
    router.add(method, path, guarded(context, handler, consumes));

  add("GET", base, (req, caller) => {
    const fields = parseFields(kind, req.query);
    const include = parseInclude(req.query);
    const limit = parseLimit(req.query.get("limit"));
    const cursors = parseCursors(req.query);
    const domainFqn = req.query.get("domain");
    const domainId = domainFqn === null ? undefined : context.references.requireByFqn("domain", domainFqn).id;
    const serviceFqn = "parent" in kind.service ? req.query.get("service") : null;
    // `?service=` filters by the service's FQN; an unknown service matches nothing.
    const parentId = serviceFqn === null ? undefined : (repository.store.findByFqn((kind.service as { parent: string }).parent, serviceFqn)?.id ?? "");
    const page = repository.list({ include, limit, domainId, parentId, ...cursors });
    const paging: Record<string, unknown> = {};
    const first = page.rows[0];
    const last = page.rows[page.rows.length - 1];
    if (page.hasBefore && first) paging.before = encodeCursor(first);
    if (page.hasAfter && last) paging.after = encodeCursor(last);
    paging.total = page.total;
    return jsonAnswer(200, { data: page.rows.map((row) => render(row, caller, fields)), paging });
  });

  add(
    "POST",
    base,
    (req, caller) => {
      context.auth.authorize(caller, "Create");
      const entity = repository.create(parseJson(req), caller, context.now());
      const href = `${context.baseUrl()}${base}/${entity.id}`;
      return jsonAnswer(201, render(entity, caller, "all"), { location: href, "x-openmetadata-change": "entityCreated" });
    },
    "json",
  );

  add(
    "PUT",
    base,
    (req, caller) => {
      const result = repository.createOrUpdate(parseJson(req), caller, context.now(), (operation) => context.auth.authorize(caller, operation));
      return written(result.change === "entityCreated" ? 201 : 200, result, caller);
    },
    "json",
  );

  if (context.bulk) {
    add("PUT", `${base}/bulk`, (req, caller) => handleBulk(repository, parseJson(req), caller, context, (e, c) => render(e, c, "all")), "json");
  }

  add(
    "PUT",
    `${base}/restore`,
    (req, caller) => {
      context.auth.authorize(caller, "EditAll");
      return written(200, repository.restore(parseJson(req), caller, context.now()), caller);
    },
    "json",
  );

  const byName = (req: CatalogRequest): Target => ({ name: req.params.fqn });
  const byId = (req: CatalogRequest): Target => ({ id: requireUuid(req.params.id) });

  for (const [suffix, target] of [
    ["/name/:fqn", byName],
    ["/:id", byId],
  ] as const) {
    add("GET", `${base}${suffix}`, (req, caller) => {
      const fields = parseFields(kind, req.query);
      return single(repository.get(target(req), parseInclude(req.query)), caller, fields);
    });
    add(
      "PATCH",
      `${base}${suffix}`,
      (req, caller) => {
        context.auth.authorize(caller, "EditAll");
        const ifMatch = header(req, "if-match");
        const changeSource = req.query.get("changeSource") ?? undefined;
        const result = repository.patch(target(req), parseJson(req), caller, context.now(), {
          ifMatch,
          changeSource,
          mask: mask(caller),
          baseUrl: context.baseUrl(),
        });
        const body = render(result.entity, caller, "all");
        if (result.incremental) body.changeDescription = result.incremental;
        return jsonAnswer(200, body, { "x-openmetadata-change": result.change });
      },
      "json-patch",
    );
    add("DELETE", `${base}${suffix}`, (req, caller) => {
      context.auth.authorize(caller, "Delete");
      const { hardDelete, recursive } = deleteFlags(req);
      return written(200, repository.delete(target(req), hardDelete, recursive, caller, context.now()), caller);
    });
  }

  add("DELETE", `${base}/async/:id`, (req, caller) => {
    context.auth.authorize(caller, "Delete");
    const { hardDelete, recursive } = deleteFlags(req);
    const target = byId(req);
    // 404 now (the same lookup delete makes); any other refusal of the delete itself is not reported (§3.7).
    const entity = repository.get(target, hardDelete ? "all" : "non-deleted");
    try {
      repository.delete(target, hardDelete, recursive, caller, context.now());
    } catch (error) {
      if (!(error instanceof CatalogError)) throw error;
    }
    return jsonAnswer(202, {
      jobId: newId(),
      message: `Delete operation initiated for ${entity.name}`,
      entityName: entity.name,
      hardDelete,
      recursive,
    });
  });

  add("GET", `${base}/:id/versions`, (req, caller) => {
    const snapshots = repository.versions(requireUuid(req.params.id));
    return jsonAnswer(200, {
      entityType: kind.entityType,
      versions: snapshots.map((s) => toJson(render(s, caller, "all"))),
    });
  });

  add("GET", `${base}/:id/versions/:version`, (req, caller) => single(repository.version(requireUuid(req.params.id), req.params.version), caller, "all"));

  add(
    "PUT",
    `${base}/:id/followers`,
    (req, caller) => {
      context.auth.authorize(caller, "EditAll");
      const event = repository.changeFollower(requireUuid(req.params.id), parseJson(req), true, caller, context.now());
      return jsonAnswer(200, event, { "x-openmetadata-change": "entityFieldsChanged" });
    },
    "json",
  );

  add("DELETE", `${base}/:id/followers/:userId`, (req, caller) => {
    context.auth.authorize(caller, "EditAll");
    const event = repository.changeFollower(requireUuid(req.params.id), req.params.userId, false, caller, context.now());
    return jsonAnswer(200, event, { "x-openmetadata-change": "entityFieldsChanged" });
  });

  extra?.(add, { base, render, requireUuid });
}

/** `fields`: a comma list of the kind's relationship fields; an unknown name is a 400 `Invalid field name x` (§3.1). */
export function parseFields(kind: EntityKind, query: URLSearchParams): Set<string> {
  const raw = query.get("fields");
  const fields = new Set<string>();
  if (raw === null) return fields;
  for (const part of raw.split(",")) {
    const name = part.trim();
    if (name === "") continue;
    if (!(name in kind.relations)) throw badRequest(`Invalid field name ${name}`);
    fields.add(name);
  }
  return fields;
}

/** `include`: `non-deleted` (default), `deleted` or `all`; anything else fails conversion (404). */
export function parseInclude(query: URLSearchParams): Include {
  const raw = query.get("include");
  if (raw === null || raw === "") return "non-deleted";
  if (!INCLUDES.has(raw as Include)) throw jerseyNotFound();
  return raw as Include;
}

/** The JSON body; malformed JSON is Dropwizard's `Unable to process JSON`. */
export function parseJson(req: CatalogRequest): unknown {
  if (req.body.length === 0) return undefined;
  try {
    return JSON.parse(req.body.toString("utf8")) as unknown;
  } catch {
    throw badRequest("Unable to process JSON");
  }
}

/** A path id that must be a UUID; anything else fails Jersey's conversion (404). */
export function requireUuid(value: string): string {
  if (!isUuid(value)) throw jerseyNotFound();
  return value;
}

function deleteFlags(req: CatalogRequest): { hardDelete: boolean; recursive: boolean } {
  return {
    hardDelete: req.query.get("hardDelete")?.toLowerCase() === "true",
    recursive: req.query.get("recursive")?.toLowerCase() === "true",
  };
}

function header(req: CatalogRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function checkContentType(req: CatalogRequest, consumes: "json" | "json-patch"): void {
  const type = (header(req, "content-type") ?? "").split(";")[0].trim().toLowerCase();
  const expected = consumes === "json" ? "application/json" : "application/json-patch+json";
  if (type !== expected) throw new CatalogError(415, "HTTP 415 Unsupported Media Type");
}
