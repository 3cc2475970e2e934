import { isPlainObject } from "../plain-object.js";
import type { CatalogRequest, CatalogResponse, Handler } from "../router.js";
import { errorResponse, invalidEntity, WmlHttpError, type ErrorStyle } from "./errors.js";
import type { FaultQueue } from "./faults.js";
import type { IssuedTokenState } from "./iam.js";

/** What every WML route needs to decide who may call it (docs/upstream/wml.md §1.2, §2, §11 item 1). */
export interface GuardSettings {
  /** Whether a bearer token was issued by the IAM endpoint and has expired (see `createTokenStateCheck`). */
  readonly tokenState: (token: string) => IssuedTokenState;
  /** A bearer token that is always answered 401 `authentication_token_expired`. */
  readonly expiredToken: string | undefined;
  /** Faults injected by tests; checked before anything else. */
  readonly faults: FaultQueue;
}

/** The container a resource lives in: a space or a project (docs/upstream/wml.md §1.3). */
export interface Container {
  kind: "space" | "project";
  id: string;
}

/** A WML route body: returns an answer or throws `WmlHttpError`. */
export type WmlHandler = (req: CatalogRequest) => CatalogResponse;

/**
 * Wraps a WML route: answers an injected fault if one matches, checks `Authorization: Bearer` (401, integer `status_code`), then `version`
 * (400), then runs the handler and renders refusals in the endpoint's envelope style
 * (docs/upstream/wml.md §1.2, §2, §6.1, §11 items 1 and 7).
 */
export function guarded(settings: GuardSettings, style: ErrorStyle, handler: WmlHandler): Handler {
  return (req) => {
    const fault = settings.faults.take(req);
    if (fault) return fault;
    const denied = authenticate(settings, req);
    if (denied) return errorResponse(denied, "auth");
    try {
      requireVersion(req.query);
      return handler(req);
    } catch (error) {
      if (error instanceof WmlHttpError) return errorResponse(error, style);
      throw error;
    }
  };
}

function authenticate(settings: GuardSettings, req: CatalogRequest): WmlHttpError | undefined {
  const header = req.headers.authorization;
  const match = typeof header === "string" ? /^Bearer\s+(\S.*)$/i.exec(header.trim()) : null;
  if (!match) {
    return new WmlHttpError(401, "authentication_no_token", "Failed to authenticate the request due to no Bearer token in the request header");
  }
  const token = match[1].trim();
  if (token === settings.expiredToken || settings.tokenState(token) === "expired") {
    return new WmlHttpError(401, "authentication_token_expired", "Failed to authenticate the request due to an expired token");
  }
  return undefined;
}

/** `version=YYYY-MM-DD` is mandatory on every call (docs/upstream/wml.md §1.2; error code [A]). */
export function requireVersion(query: URLSearchParams): string {
  const version = query.get("version");
  if (version === null || version === "") {
    throw new WmlHttpError(400, "missing_query_parameter", "Missing query parameter 'version'. Specify the API version date as version=YYYY-MM-DD.");
  }
  const date = /^\d{4}-\d{2}-\d{2}$/.test(version) ? new Date(`${version}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== version) {
    throw new WmlHttpError(400, "invalid_query_parameter", `Invalid query parameter 'version': expected a date YYYY-MM-DD, got '${version}'.`);
  }
  return version;
}

/** `space_id` or `project_id` in the query, for GET/PATCH/DELETE (docs/upstream/wml.md §1.3, §9 item 2). */
export function containerFromQuery(query: URLSearchParams): Container {
  const found = pickContainer(query.get("space_id"), query.get("project_id"));
  if (!found) {
    throw new WmlHttpError(400, "missing_query_parameter", "Either space_id or project_id query parameter has to be given.");
  }
  return found;
}

/** `space_id` or `project_id` in the JSON body for creates; the query is tolerated too (docs/upstream/wml.md §1.3). */
export function containerFromBody(body: Record<string, unknown>, query: URLSearchParams): Container {
  const space = typeof body.space_id === "string" ? body.space_id : query.get("space_id");
  const project = typeof body.project_id === "string" ? body.project_id : query.get("project_id");
  const found = pickContainer(space, project);
  if (!found) throw invalidEntity("either space_id or project_id has to be given in the request body.");
  return found;
}

/** The container as a query parameter (`space_id` or `project_id`), first in collection hrefs (docs/upstream/wml.md §3.3). */
export function containerParam(container: Container): [string, string] {
  return [container.kind === "space" ? "space_id" : "project_id", container.id];
}

function pickContainer(space: string | null, project: string | null): Container | undefined {
  if (space && project) throw invalidEntity("specify either space_id or project_id, not both.");
  if (space) return { kind: "space", id: space };
  if (project) return { kind: "project", id: project };
  return undefined;
}

/** Parses a JSON request body; anything unparsable is a 400 (docs/upstream/wml.md §6.2). */
export function jsonBody(req: CatalogRequest): unknown {
  const text = req.body.toString("utf8");
  if (text.trim() === "") throw invalidEntity("the request body is empty; a JSON document is expected.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new WmlHttpError(400, "json_type_error", "Json document validation error: the request body is not valid JSON.");
  }
}

/** A JSON object body (creates). */
export function jsonObjectBody(req: CatalogRequest): Record<string, unknown> {
  const body = jsonBody(req);
  if (!isPlainObject(body)) throw invalidEntity("the request body must be a JSON object.");
  return body;
}

/**
 * Names and descriptions that look like HTML are refused with IBM's sentence (docs/upstream/wml.md §6.2,
 * §9 item 19).
 */
export function rejectTags(value: unknown): void {
  const texts = typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  if (texts.some((t) => /<[^>]*>/.test(t))) {
    throw new WmlHttpError(400, "invalid_request_entity", "Invalid content. You cannot include any tags in the HTTP request.");
  }
}

/**
 * The `ResourceMeta` fields of a create body (docs/upstream/wml.md §3.1, §6.2): `name` a non-empty string,
 * `description` a string and `tags` strings when given, none of them HTML (§9 item 19).
 */
export function checkMetadataFields(body: Record<string, unknown>): asserts body is Record<string, unknown> & { name: string; description?: string; tags?: string[] } {
  if (typeof body.name !== "string" || body.name.trim() === "") throw invalidEntity("'name' is required.");
  rejectTags(body.name);
  if (body.description !== undefined && typeof body.description !== "string") throw invalidEntity("'description' must be a string.");
  rejectTags(body.description);
  if (body.tags !== undefined && !(Array.isArray(body.tags) && body.tags.every((t) => typeof t === "string"))) throw invalidEntity("'tags' must be an array of strings.");
  rejectTags(body.tags);
}

/** ISO-8601 UTC with milliseconds, as WML writes timestamps (docs/upstream/wml.md §1.5). */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
