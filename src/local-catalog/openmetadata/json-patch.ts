import jsonpatch from "fast-json-patch";
import { badRequest } from "./errors.js";

const { applyPatch } = jsonpatch;

/**
 * Applies an RFC 6902 patch in order, with operation validation on, to a copy of `document`
 * (docs/upstream/openmetadata.md §3.6). Any failure — a malformed operation, a missing path, a failed
 * `test` — is a 400 with the patch library's message (newest servers, §4.2); nothing is applied then.
 * The PATCH handler and the RFC 6902 conformance corpus both run through this function.
 */
export function applyJsonPatch(document: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw badRequest("A JSON Patch document must be an array of operations");
  try {
    const copy = structuredClone(document);
    return applyPatch(copy, operations as jsonpatch.Operation[], true, true).newDocument;
  } catch (error) {
    throw badRequest(firstLine(error instanceof Error ? error.message : String(error)));
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0].trim();
}
