import { encodeSegment, type CallScope, type Upstream, type UpstreamAnswer } from "../../upstream/http.js";
import type { ServiceKind } from "./kinds.js";
import type { EntityHistoryResource, ServicePageResource, ServiceResource } from "./resource.js";

/** OpenMetadata's soft-delete filter values (openmetadata-contract.md §3.1). */
export type IncludeParam = "non-deleted" | "deleted" | "all";

/** The relationship fields that are populated only when named in `fields` (§1.3). */
export type RelationField = "owners" | "tags" | "domains" | "followers";

/** How a service is addressed: by id, or by fully qualified name (§3.2, §3.3). */
export type ServiceKey = { by: "id"; id: string } | { by: "name"; fqn: string };

/** The path of one service; an FQN always travels as one percent-encoded segment (§8.3). */
export function servicePath(kind: ServiceKind, key: ServiceKey): string {
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
  return upstream.send<ServiceResource>(
    {
      method: "GET",
      path: servicePath(kind, key),
      route: routeOf("GET", kind, key),
      searchParams: { fields: fieldsParam(params.fields), include: params.include === "non-deleted" ? undefined : params.include },
    },
    scope,
  );
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
  return answer.body;
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
