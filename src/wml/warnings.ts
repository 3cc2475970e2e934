import type { DeploymentResource } from "./deployment/resource.js";
import type { WmlSystemResource } from "./resource.js";

/**
 * The advisory messages of one mutation, de-duplicated in arrival order: `system.warnings` of every
 * answer (both nestings, wml-contract.md §3.4, §7) and status texts such as the schema-mismatch message
 * (§4.6.3 item 3). Warnings never fail a mutation.
 */
export class Warnings {
  private readonly seen = new Set<string>();

  /** Adds a message (ignored when empty or already present). */
  add(message: string | undefined): void {
    if (message !== undefined && message.trim() !== "") this.seen.add(message);
  }

  /** Adds every `system.warnings` message of an answer. */
  addSystem(system: WmlSystemResource | undefined): void {
    for (const warning of [...(system?.warnings ?? []), ...(system?.system?.warnings ?? [])]) this.add(warning?.message);
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
