/**
 * The wire shapes shared by WML resources (docs/upstream/wml.md §3): the error envelope, warnings, the
 * `system` block, `metadata` and collections. Fields are exactly as on the wire; unknown keys are tolerated.
 */

/** One `errors[]` item of the envelope (docs/upstream/wml.md §6.1). */
export interface WmlErrorItemResource {
  code: string;
  message: string;
  more_info?: string;
  target?: { type?: string; name?: string };
}

/** The error envelope, also found in `entity.status.failure` (docs/upstream/wml.md §6.1, §4.2). */
export interface WmlErrorEnvelopeResource {
  trace?: string;
  errors?: WmlErrorItemResource[];
  /** Missing, a string or an integer (docs/upstream/wml.md §6.1). */
  status_code?: string | number;
}

/** `ResourceMeta`: the metadata block of every WML resource, deployments and models alike (docs/upstream/wml.md §3.1). */
export interface WmlMetadataResource {
  id: string;
  name?: string;
  description?: string;
  tags?: string[];
  created_at?: string;
  modified_at?: string;
  owner?: string;
  space_id?: string;
  project_id?: string;
  [key: string]: unknown;
}

/** A `system.warnings` entry (docs/upstream/wml.md §3.2, §7). */
export interface WmlWarningResource {
  message: string;
  id?: string;
  more_info?: string;
}

/** The `system` block: `{warnings}` on single resources, `{system: {warnings}}` on deployment lists (docs/upstream/wml.md §3.4). */
export interface WmlSystemResource {
  warnings?: WmlWarningResource[];
  system?: { warnings?: WmlWarningResource[] };
}

/** A collection page (docs/upstream/wml.md §3.3). */
export interface WmlCollectionResource<T> {
  total_count?: number;
  limit?: number;
  first?: { href: string };
  next?: { href: string };
  resources?: T[];
  system?: WmlSystemResource;
}
