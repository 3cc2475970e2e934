import type { DeploymentResource } from "./deployment/resource.js";
import type { WmlSystemResource } from "./resource.js";

/**
 * The advisory messages of one mutation, de-duplicated in arrival order: `system.warnings` of every
 * answer (both nestings, docs/upstream/wml.md §3.4, §7), status texts such as the schema-mismatch message
 * (§4.6.3 item 3), and the gateway's own (an owner who left the space, problems `force` overrode).
 * Only what is about what the caller sent or can see. Warnings never fail a mutation.
 */
export class Warnings {
  private readonly seen = new Set<string>();

  /** Adds a message (ignored when empty or already present). */
  add(message: string | undefined): void {
    if (message !== undefined && message.trim() !== "") this.seen.add(message);
  }

  /**
   * Adds every `system.warnings` message of an answer, except the deprecation of `online_url`: it is about
   * a field the gateway never exposes (it answers `servingUrls`), so it tells the caller nothing (§7, §9 item 11).
   */
  addSystem(system: WmlSystemResource | undefined): void {
    for (const warning of [...(system?.warnings ?? []), ...(system?.system?.warnings ?? [])]) {
      if (!warning?.message?.includes("online_url")) this.add(warning?.message);
    }
  }

  /** Adds a deployment answer's status text (the schema-mismatch message), then its `system.warnings`. */
  addStatusThenSystem(deployment: DeploymentResource): void {
    this.add(deployment.entity.status?.message?.text);
    this.addSystem(deployment.system);
  }

  list(): string[] {
    return [...this.seen];
  }
}
