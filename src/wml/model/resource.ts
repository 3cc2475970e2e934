import type { ConnectionResource } from "../../graphql/paging.js";
import type { WmlMetadataResource, WmlSystemResource } from "../resource.js";

/**
 * A WML model (current copy or revision) as the service answers it (docs/upstream/wml.md §5.1, §5.4): the
 * codegen mapper of `Model`. `metadata.rev` is absent on the current copy (§3.1).
 */
export interface ModelResource {
  metadata: WmlMetadataResource & { rev?: string; commit_info?: CommitInfoResource };
  entity: {
    type?: string;
    software_spec?: { id?: string; name?: string; rev?: string };
    schemas?: { input?: unknown[]; output?: unknown[] };
    custom?: Record<string, unknown>;
    model_version?: Record<string, unknown>;
    [key: string]: unknown;
  };
  system?: WmlSystemResource;
}

/** `metadata.commit_info` of a model or a revision (docs/upstream/wml.md §3.1, §5.6). */
export interface CommitInfoResource {
  committed_at?: string;
  commit_message?: string;
}

/**
 * A revision as the revision list answers it: `{metadata}` only, `rev` set (docs/upstream/wml.md §5.6); a
 * created revision carries its `entity` too. The codegen mapper of `ModelRevision`.
 */
export interface ModelRevisionResource {
  metadata: ModelResource["metadata"];
  entity?: ModelResource["entity"];
}

/** One page of models: the service's page, with the gateway's cursor position (§3.3, §5.3). */
export type ModelPageResource = ConnectionResource<ModelResource>;

/** One page of a model's revisions (§3.3, §5.6). */
export type ModelRevisionPageResource = ConnectionResource<ModelRevisionResource>;
