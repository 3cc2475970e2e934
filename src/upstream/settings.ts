import type { UpstreamOptions } from "./http.js";

/**
 * What configuration decides about an upstream (where, how long, retries, what to scrub, who observes):
 * every `createUpstream` option but the error reading, which each upstream's own factory supplies.
 * `secrets` is required here so that no upstream is made without its credentials to strip.
 */
export type UpstreamSettings = Omit<UpstreamOptions, "service" | "parseError" | "classify" | "secrets"> & Required<Pick<UpstreamOptions, "secrets">>;
