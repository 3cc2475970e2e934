import { UpstreamError, type UpstreamService } from "../errors.js";
import { isPlainObject } from "../plain-object.js";
import type { UpstreamAnswer } from "./http.js";

/** The fields that identify one upstream resource, each a path of keys to a string. */
export interface IdentityShape {
  service: UpstreamService;
  /** What the resource is called in messages ("entity", "resource"). */
  noun: string;
  fields: ReadonlyArray<readonly string[]>;
}

/** An OpenMetadata entity: string `id`, `name` and `fullyQualifiedName` (docs/upstream/openmetadata.md §1). */
export const OPENMETADATA_ENTITY: IdentityShape = { service: "openmetadata", noun: "entity", fields: [["id"], ["name"], ["fullyQualifiedName"]] };

/** A WML resource: a string `metadata.id` (docs/upstream/wml.md §3). */
export const WML_RESOURCE: IdentityShape = { service: "wml", noun: "resource", fields: [["metadata", "id"]] };

/** What is wrong with one resource's identity, or undefined when every field is a non-empty string. */
function identityProblem(shape: IdentityShape, resource: unknown): string | undefined {
  if (!isPlainObject(resource)) return `a ${shape.noun} that is not a JSON object (${resource === null ? "null" : Array.isArray(resource) ? "an array" : typeof resource})`;
  for (const path of shape.fields) {
    let value: unknown = resource;
    for (const key of path) value = isPlainObject(value) ? value[key] : undefined;
    if (typeof value !== "string" || value.length === 0) {
      const found = value === undefined ? "missing" : value === "" ? "empty" : `a ${value === null ? "null" : Array.isArray(value) ? "list" : typeof value}`;
      return `a ${shape.noun} whose ${path.join(".")} is ${found}, not a string`;
    }
  }
  return undefined;
}

/**
 * Checks the identity fields of each resource of a 2xx answer before anything reads them; a resource
 * without them is the upstream's fault: `UPSTREAM_ERROR` saying which field, with the answer's status
 * (`extensions.upstream.status`). Returns the resources as given.
 */
export function checkIdentity<T>(shape: IdentityShape, status: number, resources: T): T {
  for (const resource of Array.isArray(resources) ? resources : [resources]) {
    const problem = identityProblem(shape, resource);
    if (problem) {
      throw new UpstreamError("UPSTREAM_ERROR", shape.service, status, { message: `malformed ${status} body` }, `${shape.service} answered ${status} with ${problem}`);
    }
  }
  return resources;
}

/** `checkIdentity` on one answer's body, returning the answer (for a call site that passes the answer on). */
export function withIdentity<T>(shape: IdentityShape, answer: UpstreamAnswer<T>): UpstreamAnswer<T> {
  checkIdentity(shape, answer.status, answer.body);
  return answer;
}
