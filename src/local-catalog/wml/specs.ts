import { isPlainObject } from "../plain-object.js";
import { invalidEntity } from "./errors.js";

/** A hardware specification as deployments show it: both `id` and `name` filled (docs/upstream/wml.md §3.2). */
export interface HardwareSpec {
  id: string;
  name: string;
  num_nodes?: number;
}

/** A software specification as models show it: both `id` and `name` filled (docs/upstream/wml.md §3.2). */
export interface SoftwareSpec {
  id: string;
  name: string;
}

/** IBM's predefined hardware sizes; `S` carries the recorded id (docs/upstream/wml.md §3.2 [R S4]). */
export const HARDWARE_SPECS: readonly HardwareSpec[] = [
  { id: "b128f957-581d-46d0-95b6-8af5cd5be580", name: "XXS" },
  { id: "c076e82c-b2a7-4d20-9c0f-1f0c2fdf5a24", name: "XS" },
  { id: "e7ed1d6c-2e89-42d7-aed5-863b972c1d2b", name: "S" },
  { id: "f3ebac7d-0a75-410c-8b48-a931428cc4c5", name: "M" },
  { id: "a6c4923b-b8e4-444c-9f43-8a7ec3020110", name: "L" },
  { id: "a7e7dbf1-1d03-4544-994d-e5ec845ce99a", name: "XL" },
];

/**
 * Software specifications the local catalog knows; `runtime-22.1-py3.9` carries the recorded id and is
 * retired by default, so creating a model on it answers IBM's 400 (docs/upstream/wml.md §5.1, §10 [R S7]).
 */
export const SOFTWARE_SPECS: readonly SoftwareSpec[] = [
  { id: "12b83a17-24d8-5082-900f-0ab31fbfd3cb", name: "runtime-22.1-py3.9" },
  { id: "336b29df-e0e1-5e7d-b6a5-f6ab722625b2", name: "runtime-23.1-py3.10" },
  { id: "45f12dfe-aa78-5b8d-9f38-0ee223c47309", name: "runtime-24.1-py3.11" },
];

/** Specs retired unless the options say otherwise (docs/upstream/wml.md §10). */
export const DEFAULT_RETIRED_SOFTWARE_SPECS: readonly string[] = ["runtime-22.1-py3.9"];

/**
 * Resolves a `HardwareSpecRel` input: exactly one of `id`/`name`, `num_nodes` a positive integer
 * (docs/upstream/wml.md §3.2, §4.3).
 */
export function resolveHardwareSpec(value: unknown): HardwareSpec {
  if (!isPlainObject(value)) throw invalidEntity("hardware_spec must be an object with either id or name.");
  const { id, name, num_nodes: nodes } = value;
  if ((id === undefined) === (name === undefined)) throw invalidEntity("hardware_spec needs exactly one of id or name.");
  const found = HARDWARE_SPECS.find((s) => (id !== undefined ? s.id === id : s.name === name));
  if (!found) throw invalidEntity(`hardware specification '${String(id ?? name)}' does not exist.`);
  if (nodes !== undefined && !(typeof nodes === "number" && Number.isInteger(nodes) && nodes >= 1)) {
    throw invalidEntity(`hardware_spec.num_nodes must be a positive integer, got ${JSON.stringify(nodes)}.`);
  }
  return nodes === undefined ? { ...found } : { ...found, num_nodes: nodes };
}

/**
 * Resolves a `SoftwareSpecRel` input (one of `id`/`name`); retired specs answer IBM's recorded message
 * "Unsupported software specification '<name>'." (docs/upstream/wml.md §3.2, §6.1 [R S7]).
 */
export function resolveSoftwareSpec(value: unknown, retired: readonly string[]): SoftwareSpec {
  if (!isPlainObject(value)) throw invalidEntity("software_spec must be an object with either id or name.");
  const { id, name } = value;
  if (id === undefined && name === undefined) throw invalidEntity("software_spec needs either id or name.");
  const found = SOFTWARE_SPECS.find((s) => (id !== undefined ? s.id === id : s.name === name));
  if (!found || retired.includes(found.name)) throw invalidEntity(`Unsupported software specification '${String(name ?? id)}'.`);
  return { ...found };
}
