import { ErrorCode, GatewayError, isCoded, UpstreamError } from "../../errors.js";
import type { CallScope, Upstream } from "../../upstream/http.js";
import { maskSecrets } from "../service/secret-keys.js";
import { getEntity, type EntityKey } from "./api.js";
import type { EntityKind } from "./kind.js";

/** The input field a referenced entity type comes from (owners, tags, domains; docs/upstream/openmetadata.md §2.2). */
const REFERENCE_FIELDS: Record<string, string> = {
  user: "owners",
  team: "owners",
  tag: "tags",
  glossaryTerm: "tags",
  domain: "domains",
  dataProduct: "dataProducts",
};

const REFERENCE_NOT_FOUND = /^(user|team|tag|glossaryTerm|domain|dataProduct) instance for (.+) not found$/;

/**
 * Upstream answers that are the caller's input at fault, made into a BAD_USER_INPUT naming the field:
 * a 404 for a referenced user, team, tag or domain (§3.4 step 2, §4.3), and a 400, whose message is
 * the upstream's own (the upstream, not the gateway, knows its schemas: a connection it refuses is
 * refused in its words, with any secret of what was `sent` masked). Anything else is returned as is.
 */
export function inputErrorOf(error: unknown, prefix: string, sent?: unknown): unknown {
  if (!(error instanceof UpstreamError)) return error;
  if (error.status === 400) {
    const message = maskSecrets(error.detail.message ?? "the upstream refused the input", sent);
    const field = /connection/i.test(message) ? `${prefix}.connection` : prefix;
    const masked = new UpstreamError(error.code, error.service, error.status, { ...error.detail, message }, maskSecrets(error.message, sent));
    return new GatewayError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field }, masked);
  }
  if (error.status !== 404) return error;
  const match = REFERENCE_NOT_FOUND.exec(error.detail.message ?? "");
  if (!match) return error;
  const field = `${prefix}.${REFERENCE_FIELDS[match[1]]}`;
  // A glossary term sent as a classification tag (the default source) is looked up as a tag (§2.4).
  const hint = match[1] === "tag" ? "; if it is a glossary term, set source: Glossary" : "";
  return new GatewayError(ErrorCode.BAD_USER_INPUT, `${field}: no ${match[1]} ${match[2]} in the catalog${hint}`, { field }, error);
}

/** A delete of an entity that still has children, without `recursive` (§3.7, §12.12): clear words, not the upstream's. */
export function notEmptyError(error: unknown, kind: EntityKind): unknown {
  if (!(error instanceof UpstreamError) || error.status !== 400 || !/is not empty/i.test(error.detail.message ?? "")) return error;
  return new GatewayError(
    ErrorCode.BAD_USER_INPUT,
    `recursive: the ${kind.noun} still contains entities (models, pipelines or ingestion pipelines); delete them first, or pass recursive: true to delete them with it`,
    { field: "recursive" },
    error,
  );
}

/**
 * The CONFLICT of a conditional write whose version is not current (§6.2, §12.8): `expectedVersion`
 * checked against the snapshot, or the upstream's 412. Carries `currentVersion` (re-read for a 412) so
 * the caller can re-read and recompute, and `expectedVersion` only when the caller sent one.
 */
export async function conflictError(
  upstream: Upstream,
  scope: CallScope,
  kind: EntityKind,
  key: EntityKey,
  expectedVersion: number | undefined,
  cause?: UpstreamError,
  knownVersion?: number,
): Promise<GatewayError> {
  let currentVersion = knownVersion;
  if (currentVersion === undefined) {
    currentVersion = await getEntity(upstream, scope, kind, key, { fields: [], include: "all" }).then(
      (answer) => answer.body.version,
      () => undefined,
    );
  }
  const now = currentVersion === undefined ? "has changed" : `is at version ${currentVersion}`;
  if (expectedVersion === undefined) {
    // An unpinned update that kept losing races: no version of the caller's to name.
    return new GatewayError(
      ErrorCode.CONFLICT,
      `the ${kind.noun} ${now} and kept changing while the update was retried: try again later`,
      { currentVersion: currentVersion ?? null },
      cause,
    );
  }
  return new GatewayError(
    ErrorCode.CONFLICT,
    `the ${kind.noun} ${now}, not ${expectedVersion}: read it again and compute the change from the current version`,
    { currentVersion: currentVersion ?? null, expectedVersion },
    cause,
  );
}

/** True when an error is the upstream's 412 Precondition Failed (If-Match did not match, §6.2). */
export function isPreconditionFailed(error: unknown): error is UpstreamError {
  return error instanceof UpstreamError && error.status === 412;
}

/** One failed item of a bulk result (`ItemError`): the code, the message, the input field when one is at fault; an uncoded error is rethrown. */
export function itemError(error: unknown): { code: string; message: string; field: string | null } {
  if (error instanceof GatewayError) {
    const field = error.extensions.field;
    return { code: error.code, message: error.message, field: typeof field === "string" ? field : null };
  }
  if (isCoded(error)) return { code: error.code, message: error.message, field: null };
  throw error; // a fault of the gateway, not of one item: the whole field fails as INTERNAL_SERVER_ERROR, logged
}
