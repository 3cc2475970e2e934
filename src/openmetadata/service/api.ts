import { codeForStatus, ErrorCode, isNotFound, UpstreamError } from "../../errors.js";
import { encodeSegment, type CallScope, type Upstream, type UpstreamAnswer } from "../../upstream/http.js";
import { checkIdentity, OPENMETADATA_ENTITY } from "../../upstream/identity.js";
import { classifyOpenMetadataError, parseOpenMetadataError } from "../upstream.js";
import type { ServiceKind } from "./kinds.js";
import type { EntityHistoryResource, ServicePageResource, ServiceResource } from "./resource.js";

/** OpenMetadata's soft-delete filter values (openmetadata-contract.md §3.1). */
export type IncludeParam = "non-deleted" | "deleted" | "all";

/** The relationship fields that are populated only when named in `fields` (§1.3). */
export type RelationField = "owners" | "tags" | "domains" | "followers";

/** How a service is addressed: by id, or by fully qualified name (§3.2, §3.3). */
export type ServiceKey = { by: "id"; id: string } | { by: "name"; fqn: string };

/** The path of one service; an FQN always travels as one percent-encoded segment (§8.3). */
function servicePath(kind: ServiceKind, key: ServiceKey): string {
  return key.by === "id"
    ? `v1/services/${kind.collection}/${encodeSegment(key.id)}`
    : `v1/services/${kind.collection}/name/${encodeSegment(key.fqn)}`;
}

function routeOf(method: string, kind: ServiceKind, key: ServiceKey | undefined, suffix = ""): string {
  const target = key === undefined ? "" : key.by === "id" ? "/{id}" : "/name/{fqn}";
  return `${method} /v1/services/${kind.collection}${target}${suffix}`;
}

function fieldsParam(fields: readonly RelationField[]): string | undefined {
  return fields.length > 0 ? fields.join(",") : undefined;
}

/** GET one service by id or name (§3.2, §3.3). */
export async function getService(
  upstream: Upstream,
  scope: CallScope,
  kind: ServiceKind,
  key: ServiceKey,
  params: { fields: readonly RelationField[]; include: IncludeParam },
): Promise<UpstreamAnswer<ServiceResource>> {
  const answer = await upstream.send<ServiceResource>(
    {
      method: "GET",
      path: servicePath(kind, key),
      route: routeOf("GET", kind, key),
      searchParams: { fields: fieldsParam(params.fields), include: params.include === "non-deleted" ? undefined : params.include },
    },
    scope,
  );
  return { ...answer, body: checkIdentity(OPENMETADATA_ENTITY, answer.status, answer.body) };
}

/** GET one page of services (§3.1); cursors are passed through untouched. */
export async function listServices(
  upstream: Upstream,
  scope: CallScope,
  kind: ServiceKind,
  params: { fields: readonly RelationField[]; include: IncludeParam; limit: number; after?: string; before?: string; domain?: string },
): Promise<ServicePageResource> {
  const answer = await upstream.send<ServicePageResource>(
    {
      method: "GET",
      path: `v1/services/${kind.collection}`,
      route: routeOf("GET", kind, undefined),
      searchParams: {
        fields: fieldsParam(params.fields),
        include: params.include === "non-deleted" ? undefined : params.include,
        limit: params.limit,
        after: params.after,
        before: params.before,
        domain: params.domain,
      },
    },
    scope,
  );
  return { ...answer.body, data: checkIdentity(OPENMETADATA_ENTITY, answer.status, answer.body.data) };
}

/** GET the version history, newest first; each element is a JSON string on the wire and is parsed here (§3.9). */
export async function getServiceVersions(upstream: Upstream, scope: CallScope, kind: ServiceKind, id: string): Promise<ServiceResource[]> {
  const answer = await upstream.send<EntityHistoryResource>(
    { method: "GET", path: `${servicePath(kind, { by: "id", id })}/versions`, route: routeOf("GET", kind, { by: "id", id }, "/versions") },
    scope,
  );
  return (answer.body.versions ?? []).map((entry) => (typeof entry === "string" ? (JSON.parse(entry) as ServiceResource) : entry));
}

/** Formats a version as OpenMetadata does (Java `Double`): one decimal at least, `1` → `1.0` (§1.3, §3.10). */
export function formatVersion(version: number): string {
  return Number.isInteger(version) ? version.toFixed(1) : String(Math.round(version * 10) / 10);
}

/** GET the service as it was at one version (§3.10). */
export async function getServiceVersion(upstream: Upstream, scope: CallScope, kind: ServiceKind, id: string, version: number): Promise<ServiceResource> {
  const answer = await upstream.send<ServiceResource>(
    {
      method: "GET",
      path: `${servicePath(kind, { by: "id", id })}/versions/${encodeSegment(formatVersion(version))}`,
      route: routeOf("GET", kind, { by: "id", id }, "/versions/{version}"),
    },
    scope,
  );
  return answer.body;
}

/** The body of POST and PUT: OpenMetadata's `Create{T}` request (openmetadata-contract.md §2.2). */
export interface CreateServiceRequest {
  name: string;
  serviceType: string;
  displayName?: string;
  description?: string;
  connection?: { config: Record<string, unknown> };
  owners?: Array<{ id: string; type: string }>;
  tags?: Array<{ tagFQN: string; source: string; labelType: string; state: string }>;
  /** Domain FQN strings: the server resolves them (§2.2). */
  domains?: string[];
  scheduleInterval?: string;
}

/** The `X-OpenMetadata-Change` header of a write's answer (§1.4), when the upstream sent one. */
function changeHeader(answer: UpstreamAnswer<unknown>): string | undefined {
  const value = answer.headers["x-openmetadata-change"];
  return Array.isArray(value) ? value[0] : value;
}

/** POST a create request (§3.4): 201 with the new entity; a taken name, soft-deleted included, is a 409 (ALREADY_EXISTS). */
export async function createService(upstream: Upstream, scope: CallScope, kind: ServiceKind, body: CreateServiceRequest): Promise<ServiceResource> {
  const answer = await upstream.send<ServiceResource>(
    { method: "POST", path: `v1/services/${kind.collection}`, route: routeOf("POST", kind, undefined), json: body },
    scope,
  );
  return answer.body;
}

/** What a PUT did: `created` comes from the status, 201 versus 200, never from the body (§3.5, §12.2). */
export interface PutOutcome {
  service: ServiceResource;
  created: boolean;
}

/**
 * PUT a create request (§3.5): creates, or updates (and restores) the service of that name. Not marked
 * idempotent: a retried PUT that had created would answer 200 and misreport `created`.
 */
export async function putService(upstream: Upstream, scope: CallScope, kind: ServiceKind, body: CreateServiceRequest): Promise<PutOutcome> {
  const answer = await upstream.send<ServiceResource>(
    { method: "PUT", path: `v1/services/${kind.collection}`, route: routeOf("PUT", kind, undefined), json: body },
    scope,
  );
  return { service: answer.body, created: answer.status === 201 };
}

/** One item of a bulk PUT: what its single PUT would have answered, or its own error. */
export type BulkPutOutcome = PutOutcome | { error: Error };

/** The local catalog's bulk answer: `results[i]` answers input `i` (src/local-catalog/openmetadata/bulk.ts). */
interface BulkAnswerResource {
  results?: Array<{ index: number; status: number; entity?: ServiceResource; error?: { code?: number; message?: string } }>;
}

/** How many single PUTs run at once when the upstream has no bulk route. */
export const BULK_FALLBACK_CONCURRENCY = 4;

/**
 * Creates or updates many services: `PUT /{C}/bulk` where the upstream serves it; where it answers 404
 * or 405 (real servers, §3.13, §12.21), one PUT per input, at most {@link BULK_FALLBACK_CONCURRENCY} at
 * once. One outcome per input, in input order, matched by the answer's `index`, never by position; an
 * input the answer does not account for gets its own error.
 */
export async function bulkPutServices(
  upstream: Upstream,
  scope: CallScope,
  kind: ServiceKind,
  bodies: readonly CreateServiceRequest[],
): Promise<BulkPutOutcome[]> {
  if (bodies.length === 0) return [];
  let answer: UpstreamAnswer<BulkAnswerResource>;
  try {
    answer = await upstream.send<BulkAnswerResource>(
      { method: "PUT", path: `v1/services/${kind.collection}/bulk`, route: routeOf("PUT", kind, undefined, "/bulk"), json: bodies },
      scope,
    );
  } catch (error) {
    if (error instanceof UpstreamError && (error.status === 404 || error.status === 405)) {
      return mapWithConcurrency(bodies, BULK_FALLBACK_CONCURRENCY, (body) =>
        putService(upstream, scope, kind, body).catch((failure: Error): BulkPutOutcome => ({ error: failure })),
      );
    }
    throw error;
  }
  const byIndex = new Map((answer.body.results ?? []).map((result) => [result.index, result]));
  return bodies.map((_body, index): BulkPutOutcome => {
    const result = byIndex.get(index);
    if (!result) return { error: new UpstreamError(ErrorCode.UPSTREAM_ERROR, upstream.service, answer.status, {}, `the bulk answer has no result for input ${index}`) };
    if (result.entity && result.status >= 200 && result.status < 300) return { service: result.entity, created: result.status === 201 };
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
  service: ServiceResource;
  /** False on `entityNoChange`; undefined when the upstream sent no change header. */
  changed: boolean | undefined;
}

/**
 * PATCH a service with RFC 6902 operations (§3.6): `Content-Type: application/json-patch+json` (§12.1),
 * and `If-Match: W/"<version>"` when a version is given (§6.2); a 412 is a CONFLICT.
 */
export async function patchService(
  upstream: Upstream,
  scope: CallScope,
  kind: ServiceKind,
  key: ServiceKey,
  operations: readonly unknown[],
  ifVersion?: number,
): Promise<PatchOutcome> {
  const answer = await upstream.send<ServiceResource>(
    {
      method: "PATCH",
      path: servicePath(kind, key),
      route: routeOf("PATCH", kind, key),
      json: operations,
      headers: { "content-type": "application/json-patch+json", "if-match": ifVersion === undefined ? undefined : weakEtag(ifVersion) },
    },
    scope,
  );
  const change = changeHeader(answer);
  return { service: checkIdentity(OPENMETADATA_ENTITY, answer.status, answer.body), changed: change === undefined ? undefined : change !== "entityNoChange" };
}

/** DELETE a service (§3.7): soft unless `hardDelete`; a non-empty service needs `recursive`. */
export async function deleteService(
  upstream: Upstream,
  scope: CallScope,
  kind: ServiceKind,
  key: ServiceKey,
  params: { hardDelete: boolean; recursive: boolean },
): Promise<ServiceResource> {
  const answer = await upstream.send<ServiceResource>(
    { method: "DELETE", path: servicePath(kind, key), route: routeOf("DELETE", kind, key), searchParams: { hardDelete: params.hardDelete, recursive: params.recursive } },
    scope,
  );
  return answer.body;
}

/**
 * PUT `/restore` (§3.8). Only a soft-deleted service can be restored, and real servers answer 500 for
 * any other id, so the caller checks first (see `restoreServiceField`).
 */
export async function restoreService(upstream: Upstream, scope: CallScope, kind: ServiceKind, id: string): Promise<ServiceResource> {
  const answer = await upstream.send<ServiceResource>(
    { method: "PUT", path: `v1/services/${kind.collection}/restore`, route: routeOf("PUT", kind, undefined, "/restore"), json: { id } },
    scope,
  );
  return answer.body;
}

/**
 * GET a domain by FQN (`/v1/domains/name/{fqn}`) and answer it as the reference a PATCH carries
 * (`{id, type: "domain"}`, §2.4); null when there is none.
 */
export async function getDomainReference(upstream: Upstream, scope: CallScope, fqn: string): Promise<{ id: string; type: "domain" } | null> {
  try {
    const answer = await upstream.send<{ id: string }>(
      { method: "GET", path: `v1/domains/name/${encodeSegment(fqn)}`, route: "GET /v1/domains/name/{fqn}" },
      scope,
    );
    return { id: answer.body.id, type: "domain" };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
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
