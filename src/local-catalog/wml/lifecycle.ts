import { newTrace, type WmlErrorEnvelope } from "./errors.js";
import { iso } from "./guard.js";
import type { AssetRel, DataSchema, DeploymentRecord, ModelDoc, RedeployOutcome } from "./store.js";

/**
 * The seeding convention that scripts a redeploy's outcome (docs/upstream/wml.md §4.6.3 item 2, §11 item 4):
 * the model being patched in (at the requested `rev`, or its current copy when no `rev` is given) carries
 * `entity.custom.local_catalog_redeploy` = `"succeed"` (the default, also for any other value),
 * `"rollback"` (`ready` with `status.failure`, old asset restored) or `"fail"` (`failed` with
 * `status.failure`).
 */
export const REDEPLOY_OUTCOME_KEY = "local_catalog_redeploy";

/** IBM's schema-mismatch warning, verbatim (docs/upstream/wml.md §4.6.3 item 3 [R S5]). */
export const SCHEMA_MISMATCH_TEXT =
  "The input schema of the asset being patched does not match with the currently deployed asset. Please ensure that the score payloads are up to date as per the asset being patched.";

/** IBM's sentence for an `/asset` patch mixed with other operations (docs/upstream/wml.md §4.6.2 [R S5]). */
export const ASSET_PATCH_ALONE_TEXT =
  "Only the ASSET attribute can be specified for the asset patch. Changing any other attribute results in an error.";

/** The outcome a model scripts for a redeploy onto it (see `REDEPLOY_OUTCOME_KEY`). */
export function redeployOutcomeOf(model: ModelDoc): RedeployOutcome {
  const value = model.entity.custom?.[REDEPLOY_OUTCOME_KEY];
  return value === "rollback" || value === "fail" ? value : "succeed";
}

/**
 * Whether two models' `schemas.input` agree: the same number of record schemas, each with the same list
 * of field names and types in order; two absent schemas agree, one absent does not
 * (docs/upstream/wml.md §4.6.3 items 3-4, §11 item 4).
 */
export function inputSchemasMatch(a: ModelDoc | undefined, b: ModelDoc | undefined): boolean {
  return JSON.stringify(signature(a?.entity.schemas?.input)) === JSON.stringify(signature(b?.entity.schemas?.input));
}

function signature(schemas: DataSchema[] | undefined): string[][] | null {
  if (!schemas || schemas.length === 0) return null;
  return schemas.map((s) => (s.fields ?? []).map((f) => `${f.name}:${f.type}`));
}

/** `status.failure` of a deployment whose asset does not exist (docs/upstream/wml.md §4.2, §11 item 3). */
export function creationFailure(asset: AssetRel): WmlErrorEnvelope {
  return {
    trace: newTrace(),
    errors: [{ code: "deployment_failed", message: `Deployment creation failed: asset '${describe(asset)}' does not exist in this space.` }],
  };
}

/** `status.failure` after a failed or rolled-back redeploy (docs/upstream/wml.md §4.6.3 item 2 [A wording]). */
export function redeployFailure(requested: AssetRel, rolledBackTo?: AssetRel): WmlErrorEnvelope {
  const message = rolledBackTo
    ? `Deployment update with asset '${describe(requested)}' failed. The deployment was reverted to the previous asset '${describe(rolledBackTo)}'.`
    : `Deployment update with asset '${describe(requested)}' failed.`;
  return { trace: newTrace(), errors: [{ code: "deployment_update_failed", message }] };
}

/** An asset reference for messages, to be put in single quotes: `id`, or `id' rev 'rev` (docs/upstream/wml.md §4.6.3). */
export function describe(asset: AssetRel): string {
  return asset.rev === undefined ? asset.id : `${asset.id}' rev '${asset.rev}`;
}

/**
 * Applies every state change that is due at `now`, in time order: `initializing` → `ready`|`failed`,
 * `updating` → one of the three redeploy outcomes, a restart back to its previous state, scaling
 * completed. The schema-mismatch `status.message` lasts while `updating` and is cleared when the update
 * settles (undocumented upstream, docs/upstream/wml.md §12). Returns whether anything changed
 * (docs/upstream/wml.md §4.3, §4.6.3, §11 items 3-4).
 */
export function settle(record: DeploymentRecord, now: number): boolean {
  const due = record.pending.filter((s) => s.dueAt <= now).sort((x, y) => x.dueAt - y.dueAt);
  if (due.length === 0) return false;
  record.pending = record.pending.filter((s) => s.dueAt > now);
  const { metadata, entity } = record.doc;
  for (const step of due) {
    switch (step.kind) {
      case "create":
        entity.status = step.outcome === "ready" ? { state: "ready" } : { state: "failed", failure: step.failure };
        break;
      case "asset": {
        const status = entity.status;
        delete status.message;
        if (step.outcome === "succeed") {
          status.state = "ready";
          delete status.failure;
          metadata.modified_at = iso(step.dueAt);
        } else if (step.outcome === "rollback") {
          entity.asset = step.previous;
          status.state = "ready";
          status.failure = redeployFailure(step.requested, step.previous);
        } else {
          status.state = "failed";
          status.failure = redeployFailure(step.requested);
        }
        break;
      }
      case "restart":
        entity.status.state = step.resume;
        break;
      case "scaling":
        if (entity.status.scaling) {
          entity.status.scaling = { ...entity.status.scaling, state: "completed", deployed_replicas: entity.status.scaling.requested_replicas };
        }
        break;
    }
  }
  return true;
}
