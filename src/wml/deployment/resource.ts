import type { ConnectionResource } from "../../graphql/paging.js";
import type { WmlErrorEnvelopeResource, WmlMetadataResource, WmlSystemResource } from "../resource.js";

/**
 * A WML deployment as the service answers it (docs/upstream/wml.md §4.1, §4.2): the codegen mapper of
 * `Deployment`. `metadata` is the source of truth for identity and timestamps (§9 item 12).
 */
export interface DeploymentResource {
  metadata: WmlMetadataResource;
  entity: {
    /** `rev` is a string and may be absent: the asset's current content (§3.2, §9 item 10). */
    asset?: { id: string; rev?: string };
    online?: { parameters?: Record<string, unknown> };
    batch?: { parameters?: Record<string, unknown> };
    r_shiny?: Record<string, unknown>;
    hardware_spec?: { id?: string; name?: string; rev?: string; num_nodes?: number };
    custom?: Record<string, unknown>;
    deployed_asset_type?: string;
    name?: string;
    description?: string;
    tags?: string[];
    space_id?: string;
    status?: {
      state?: string;
      message?: { level?: string; text?: string };
      failure?: WmlErrorEnvelopeResource;
      serving_urls?: string[];
      online_url?: { url?: string };
    };
    [key: string]: unknown;
  };
  system?: WmlSystemResource;
}

/** One gateway page of deployments (the service returns every match; the gateway slices, §4.4). */
export type DeploymentPageResource = ConnectionResource<DeploymentResource>;

/** The name: `metadata.name`, else `entity.name` (docs/upstream/wml.md §4.1); undefined when neither is set. */
export function nameOf(d: DeploymentResource): string | undefined {
  return d.metadata.name ?? d.entity.name;
}

/** The description: `metadata.description`, else `entity.description`; undefined when neither is set. */
export function descriptionOf(d: DeploymentResource): string | undefined {
  return d.metadata.description ?? d.entity.description;
}

/** The tags: `metadata.tags`, else `entity.tags`; undefined when neither is set. */
export function tagsOf(d: DeploymentResource): string[] | undefined {
  return d.metadata.tags ?? d.entity.tags;
}

/** The serving name of an online deployment (`entity.online.parameters.serving_name`), else null. */
export function servingNameOf(d: DeploymentResource): string | null {
  const name = d.entity.online?.parameters?.serving_name;
  return typeof name === "string" ? name : null;
}
