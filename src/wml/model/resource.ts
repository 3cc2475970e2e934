import type { WmlMetadataResource, WmlSystemResource } from "../resource.js";

/**
 * A WML model (current copy or revision) as the service answers it (wml-contract.md §5.1, §5.4): the
 * codegen mapper of `Model`. `metadata.rev` is absent on the current copy (§3.1).
 */
export interface ModelResource {
  metadata: WmlMetadataResource & { rev?: string };
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

/** One page of models: the service's page, with the gateway's cursor position (§3.3, §5.3). */
export interface ModelPageResource {
  nodes: ModelResource[];
  /** The service's `start` token the page was read from (undefined: the first page). */
  start: string | undefined;
  /** How many items of that service page were skipped before `nodes[0]`. */
  skip: number;
  /** The `start` token of the service's next page, when there is one. */
  nextStart: string | undefined;
  /** How many items the service page held (`nodes` is a slice of it). */
  pageLength: number;
  totalCount: number | undefined;
}
