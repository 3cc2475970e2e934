import { codeForStatus, ErrorCode, UpstreamError } from "../../errors.js";
import { encodeSegment, type CallScope, type Upstream, type UpstreamAnswer } from "../../upstream/http.js";
import { checkIdentity, OPENMETADATA_ENTITY } from "../../upstream/identity.js";
import { classifyOpenMetadataError, parseOpenMetadataError } from "../upstream.js";
import { maskAnswer } from "../../security/secrets.js";
import type { EntityKind } from "./kind.js";
import { TYPENAME, type EntityHistoryResource, type EntityListResource, type EntityResource } from "./resource.js";

/** OpenMetadata's soft-delete filter values (docs/upstream/openmetadata.md §3.1). */
export type IncludeParam = "non-deleted" | "deleted" | "all";

/** A field populated only when named in `fields` (§1.3): owners, tags, domains, followers, … as the kind has them. */
export type RelationField = string;

/** How an entity is addressed: by id, or by fully qualified name (§3.2, §3.3). */
export type EntityKey = { by: "id"; id: string } | { by: "name"; fqn: string };

/** The path of one entity; an FQN always travels as one percent-encoded segment (§8.3). */
function entityPath(kind: EntityKind, key: EntityKey): string {
  return key.by === "id" ? `v1/${kind.collection}/${encodeSegment(key.id)}` : `v1/${kind.collection}/name/${encodeSegment(key.fqn)}`;
}

function routeOf(method: string, kind: EntityKind, key: EntityKey | undefined, suffix = ""): string {
  const target = key === undefined ? "" : key.by === "id" ? "/{id}" : "/name/{fqn}";
  return `${method} /v1/${kind.collection}${target}${suffix}`;
}

/**
 * Every entity the upstream answers passes here: its identity is checked, its secrets are masked
 * whichever token served it (security/secrets.ts), and it is marked with its kind's GraphQL type
 * (interfaces resolve by it).
 */
export function stamp<T extends EntityResource>(kind: EntityKind, entity: T, status: number): T {
  checkIdentity(OPENMETADATA_ENTITY, status, entity);
  maskAnswer(entity);
  (entity as unknown as Record<symbol, unknown>)[TYPENAME] = kind.typename;
  return entity;
}

function fieldsParam(fields: readonly RelationField[]): string | undefined {
  return fields.length > 0 ? fields.join(",") : undefined;
}

/** GET one entity by id or name (§3.2, §3.3). */
export async function getEntity(
  upstream: Upstream,
  scope: CallScope,
  kind: EntityKind,
  key: EntityKey,
  params: { fields: readonly RelationField[]; include: IncludeParam },
): Promise<UpstreamAnswer<EntityResource>> {
  const answer = await upstream.send<EntityResource>(
    {
      method: "GET",
      path: entityPath(kind, key),
      route: routeOf("GET", kind, key),
      searchParams: { fields: fieldsParam(params.fields), include: params.include === "non-deleted" ? undefined : params.include },
    },
    scope,
  );
  stamp(kind, answer.body, answer.status);
  return answer;
}

/** GET one page of a collection (§3.1); cursors are passed through untouched, filters (`service=`) as given. */
export async function listEntities(
  upstream: Upstream,
  scope: CallScope,
  kind: EntityKind,
  params: {
    fields: readonly RelationField[];
    include: IncludeParam;
    limit: number;
    after?: string;
    before?: string;
    domain?: string;
    filters?: Readonly<Record<string, string | undefined>>;
  },
): Promise<EntityListResource> {
  const answer = await upstream.send<EntityListResource>(
    {
      method: "GET",
      path: `v1/${kind.collection}`,
      route: routeOf("GET", kind, undefined),
      searchParams: {
        fields: fieldsParam(params.fields),
        include: params.include === "non-deleted" ? undefined : params.include,
        limit: params.limit,
        after: params.after,
        before: params.before,
        domain: params.domain,
        ...params.filters,
      },
    },
    scope,
  );
  for (const entity of answer.body.data ?? []) stamp(kind, entity, answer.status);
  return answer.body;
}

/** GET the version history, newest first; each element is a JSON string on the wire and is parsed here (§3.9). */
export async function getEntityVersions(upstream: Upstream, scope: CallScope, kind: EntityKind, id: string): Promise<EntityResource[]> {
  const answer = await upstream.send<EntityHistoryResource>(
    { method: "GET", path: `${entityPath(kind, { by: "id", id })}/versions`, route: routeOf("GET", kind, { by: "id", id }, "/versions") },
    scope,
  );
  return (answer.body.versions ?? []).map((entry) => stamp(kind, typeof entry === "string" ? (JSON.parse(entry) as EntityResource) : entry, answer.status));
}

/** Formats a version as OpenMetadata does (Java `Double`): one decimal at least, `1` → `1.0` (§1.3, §3.10). */
export function formatVersion(version: number): string {
  return Number.isInteger(version) ? version.toFixed(1) : String(Math.round(version * 10) / 10);
}

/** GET the entity as it was at one version (§3.10). */
export async function getEntityVersion(upstream: Upstream, scope: CallScope, kind: EntityKind, id: string, version: number): Promise<EntityResource> {
  const answer = await upstream.send<EntityResource>(
    {
      method: "GET",
      path: `${entityPath(kind, { by: "id", id })}/versions/${encodeSegment(formatVersion(version))}`,
      route: routeOf("GET", kind, { by: "id", id }, "/versions/{version}"),
    },
    scope,
  );
  return stamp(kind, answer.body, answer.status);
}

/** The body of POST and PUT: OpenMetadata's `Create{T}` request (docs/upstream/openmetadata.md §2.2), as the kind builds it. */
export type CreateRequest = { name: string } & Record<string, unknown>;

/** The `X-OpenMetadata-Change` header of a write's answer (§1.4), when the upstream sent one. */
function changeHeader(answer: UpstreamAnswer<unknown>): string | undefined {
  const value = answer.headers["x-openmetadata-change"];
  return Array.isArray(value) ? value[0] : value;
}

/** POST a create request (§3.4): 201 with the new entity; a taken name, soft-deleted included, is a 409 (ALREADY_EXISTS). */
export async function createEntity(upstream: Upstream, scope: CallScope, kind: EntityKind, body: CreateRequest): Promise<EntityResource> {
  const answer = await upstream.send<EntityResource>(
    { method: "POST", path: `v1/${kind.collection}`, route: routeOf("POST", kind, undefined), json: body },
    scope,
  );
  return stamp(kind, answer.body, answer.status);
}

/** What a PUT did: `created` comes from the status, 201 versus 200, never from the body (§3.5, §12.2). */
export interface PutOutcome {
  entity: EntityResource;
  created: boolean;
}

/**
 * PUT a create request (§3.5): creates, or updates (and restores) the service of that name. Not marked
 * idempotent: a retried PUT that had created would answer 200 and misreport `created`.
 */
export async function putEntity(upstream: Upstream, scope: CallScope, kind: EntityKind, body: CreateRequest): Promise<PutOutcome> {
  const answer = await upstream.send<EntityResource>(
    { method: "PUT", path: `v1/${kind.collection}`, route: routeOf("PUT", kind, undefined), json: body },
    scope,
  );
  return { entity: stamp(kind, answer.body, answer.status), created: answer.status === 201 };
}

/** One item of a bulk PUT: what its single PUT would have answered, or its own error. */
export type BulkPutOutcome = PutOutcome | { error: Error };

/** The local catalog's bulk answer: `results[i]` answers input `i` (src/local-catalog/openmetadata/bulk.ts). */
interface BulkAnswerResource {
  results?: Array<{ index: number; status: number; entity?: EntityResource; error?: { code?: number; message?: string } }>;
}

/** How many single PUTs run at once when the upstream has no bulk route. */
export const BULK_FALLBACK_CONCURRENCY = 4;

/**
 * Creates or updates many services: `PUT /{C}/bulk` where the upstream serves it; where it answers 404
 * or 405 (real servers, §3.13, §12.21), one PUT per input, at most {@link BULK_FALLBACK_CONCURRENCY} at
 * once. One outcome per input, in input order, matched by the answer's `index`, never by position; an
 * input the answer does not account for gets its own error.
 */
export async function bulkPutEntities(
  upstream: Upstream,
  scope: CallScope,
  kind: EntityKind,
  bodies: readonly CreateRequest[],
): Promise<BulkPutOutcome[]> {
  if (bodies.length === 0) return [];
  let answer: UpstreamAnswer<BulkAnswerResource>;
  try {
    answer = await upstream.send<BulkAnswerResource>(
      { method: "PUT", path: `v1/${kind.collection}/bulk`, route: routeOf("PUT", kind, undefined, "/bulk"), json: bodies },
      scope,
    );
  } catch (error) {
    if (error instanceof UpstreamError && (error.status === 404 || error.status === 405)) {
      return mapWithConcurrency(bodies, BULK_FALLBACK_CONCURRENCY, (body) =>
        putEntity(upstream, scope, kind, body).catch((failure: Error): BulkPutOutcome => ({ error: failure })),
      );
    }
    throw error;
  }
  const byIndex = new Map((answer.body.results ?? []).map((result) => [result.index, result]));
  return bodies.map((_body, index): BulkPutOutcome => {
    const result = byIndex.get(index);
    if (!result) return { error: new UpstreamError(ErrorCode.UPSTREAM_ERROR, upstream.service, answer.status, {}, `the bulk answer has no result for input ${index}`) };
    if (result.entity && result.status >= 200 && result.status < 300) return { entity: stamp(kind, result.entity, result.status), created: result.status === 201 };
    const detail = parseOpenMetadataError(result.error);
    const code = classifyOpenMetadataError(result.status, detail) ?? codeForStatus(result.status);
    return { error: new UpstreamError(code, upstream.service, result.status, detail, `${upstream.service} answered ${result.status}: ${detail.message ?? "no message"}`) };
  });
}

/** `W/"<version>"`: the weak ETag every server build accepts in If-Match; never the strong one (§6.2, §12.8). */
function weakEtag(version: number): string {
  return `W/"${formatVersion(version)}"`;
}

/** What a PATCH answered: the entity, and whether it changed (from `X-OpenMetadata-Change`, §1.4). */
export interface PatchOutcome {
  entity: EntityResource;
  /** False on `entityNoChange`; undefined when the upstream sent no change header. */
  changed: boolean | undefined;
}

/**
 * PATCH a service with RFC 6902 operations (§3.6): `Content-Type: application/json-patch+json` (§12.1),
 * and `If-Match: W/"<version>"` when a version is given (§6.2); a 412 is a CONFLICT.
 */
export async function patchEntity(
  upstream: Upstream,
  scope: CallScope,
  kind: EntityKind,
  key: EntityKey,
  operations: readonly unknown[],
  ifVersion?: number,
): Promise<PatchOutcome> {
  const answer = await upstream.send<EntityResource>(
    {
      method: "PATCH",
      path: entityPath(kind, key),
      route: routeOf("PATCH", kind, key),
      json: operations,
      headers: { "content-type": "application/json-patch+json", "if-match": ifVersion === undefined ? undefined : weakEtag(ifVersion) },
    },
    scope,
  );
  const change = changeHeader(answer);
  return { entity: stamp(kind, answer.body, answer.status), changed: change === undefined ? undefined : change !== "entityNoChange" };
}

/** DELETE an entity (§3.7): soft unless `hardDelete`; a non-empty service needs `recursive`. */
export async function deleteEntity(
  upstream: Upstream,
  scope: CallScope,
  kind: EntityKind,
  key: EntityKey,
  params: { hardDelete: boolean; recursive: boolean },
): Promise<EntityResource> {
  const answer = await upstream.send<EntityResource>(
    { method: "DELETE", path: entityPath(kind, key), route: routeOf("DELETE", kind, key), searchParams: { hardDelete: params.hardDelete, recursive: params.recursive } },
    scope,
  );
  return stamp(kind, answer.body, answer.status);
}

/**
 * PUT `/restore` (§3.8). Only a soft-deleted service can be restored, and real servers answer 500 for
 * any other id, so the caller checks first (see `restoreServiceField`).
 */
export async function restoreEntity(upstream: Upstream, scope: CallScope, kind: EntityKind, id: string): Promise<EntityResource> {
  const answer = await upstream.send<EntityResource>(
    { method: "PUT", path: `v1/${kind.collection}/restore`, route: routeOf("PUT", kind, undefined, "/restore"), json: { id } },
    scope,
  );
  return stamp(kind, answer.body, answer.status);
}

/**
 * PUT `/{id}/followers` with the user id as a JSON string, or DELETE `/{id}/followers/{userId}` (§3.11):
 * the answer is a ChangeEvent, not the entity, so the caller reads the entity again.
 */
export async function setFollower(upstream: Upstream, scope: CallScope, kind: EntityKind, id: string, userId: string, follow: boolean): Promise<void> {
  const base = entityPath(kind, { by: "id", id });
  await upstream.send<unknown>(
    follow
      ? { method: "PUT", path: `${base}/followers`, route: routeOf("PUT", kind, { by: "id", id }, "/followers"), json: userId }
      : {
          method: "DELETE",
          path: `${base}/followers/${encodeSegment(userId)}`,
          route: routeOf("DELETE", kind, { by: "id", id }, "/followers/{userId}"),
        },
    scope,
  );
}

/** Runs `work` over `items` with at most `limit` at once; results in input order. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
