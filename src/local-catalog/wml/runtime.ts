import type { Clock } from "../clock.js";
import type { Container, GuardSettings } from "./guard.js";
import type { AssetRel, ModelDoc, WmlStore } from "./store.js";

/** What the WML routes share: the store, the clock, the catalog's base URL and the resolved options. */
export interface WmlRuntime {
  readonly store: WmlStore;
  readonly clock: Clock;
  readonly guard: GuardSettings;
  baseUrl(): string;
  readonly deployDelayMs: number;
  readonly assetUpdateDelayMs: number;
  readonly owner: string;
  readonly retiredSoftwareSpecs: readonly string[];
}

/**
 * The model an asset reference names in a container: the revision when `rev` is given, the current copy
 * otherwise; `undefined` when either is absent (docs/upstream/wml.md §3.2, §5.4).
 */
export function findModel(runtime: WmlRuntime, container: Container, asset: AssetRel): ModelDoc | undefined {
  const current = runtime.store.getModel(container, asset.id);
  if (!current || asset.rev === undefined) return current;
  if (!/^[1-9]\d*$/.test(asset.rev)) return undefined;
  return runtime.store.getRevision(asset.id, Number(asset.rev));
}
