import { isPlainObject } from "../plain-object.js";

/**
 * The shape language the catalog's connection definitions are written in (connection-definitions.ts),
 * also used for the asset kinds' own keys and pipeline runs (kinds.ts, kind-routes.ts): a small subset
 * of JSON Schema, enough for the server's checks on `connection.config` (docs/upstream/openmetadata.md §2.3,
 * §7.3): property types, required keys, closed objects, `oneOf` choices, list items, schema defaults the
 * server materialises, and `format: password` secrets it masks (§1.3).
 */
export type FieldSpec =
  | { readonly type: "string"; readonly secret?: true; readonly default?: string; readonly enum?: readonly string[] }
  | { readonly type: "integer" | "number"; readonly default?: number }
  | { readonly type: "boolean"; readonly default?: boolean }
  /** A list; `items` checks each element where given. */
  | { readonly type: "array"; readonly items?: FieldSpec }
  /** A free-form object (string-valued upstream; Jackson coerces scalars) (`connectionOptions`, `connectionArguments`, GCP `credentialSource`). */
  | { readonly type: "map" }
  /** Anything: a `oneOf` of a scalar and an object, or a reference the schema subset does not carry. */
  | { readonly type: "any" }
  | ObjectSpec
  | { readonly type: "oneOf"; readonly options: readonly ObjectSpec[] };

/** An object property: closed (`additionalProperties: false`) unless `open`. */
export interface ObjectSpec {
  readonly type: "object";
  readonly properties: Readonly<Record<string, FieldSpec>>;
  readonly required: readonly string[];
  readonly open: boolean;
}

/** One problem found in a connection, with the dotted path of the offending field. */
export interface ConnectionProblem {
  readonly path: string;
  /** `unknown`: a key the schema does not allow; `required`: a missing key; `type`: wrong JSON type or value. */
  readonly kind: "unknown" | "required" | "type";
  readonly message: string;
}

/** A string property (with its schema default or enum). */
export const str = (extra: { default?: string; enum?: readonly string[] } = {}): FieldSpec => ({ type: "string", ...extra });
/** A `format: password` string: masked on read, unmasked on write (docs/upstream/openmetadata.md §1.3). */
export const secret = (): FieldSpec => ({ type: "string", secret: true });
/** An integer property, with its schema default. */
export const int = (value?: number): FieldSpec => (value === undefined ? { type: "integer" } : { type: "integer", default: value });
/** A number property, with its schema default. */
export const num = (value?: number): FieldSpec => (value === undefined ? { type: "number" } : { type: "number", default: value });
/** A boolean property, with its schema default. */
export const bool = (value?: boolean): FieldSpec => (value === undefined ? { type: "boolean" } : { type: "boolean", default: value });
/** A list, each element checked against `items` where given. */
export const arr = (items?: FieldSpec): FieldSpec => (items ? { type: "array", items } : { type: "array" });
/** A free-form object. */
export const map = (): FieldSpec => ({ type: "map" });
/** Anything. */
export const any = (): FieldSpec => ({ type: "any" });
/** An object: its properties in schema order, its required keys, closed unless `open`. */
export const obj = (properties: Record<string, FieldSpec>, required: readonly string[] = [], open = false): ObjectSpec => ({
  type: "object",
  properties,
  required,
  open,
});
/** A choice of objects (`oneOf`): a value must fit one of them. */
export const oneOf = (...options: ObjectSpec[]): FieldSpec => ({ type: "oneOf", options });

/** One service kind's connector definitions: each service type's `connection.config`, by service type. */
export type ConnectionDefinitions = Readonly<Record<string, ObjectSpec>>;

/** A connector's `connection.config`: `type` (one value, the service type, also its default), then its properties in schema order. */
export function connector(serviceType: string, properties: Record<string, FieldSpec>, required: readonly string[] = []): readonly [string, ObjectSpec] {
  return [serviceType, obj({ type: str({ default: serviceType, enum: [serviceType] }), ...properties }, required)];
}

/** A kind's connector definitions from its connectors. */
export function definitions(...connectors: (readonly [string, ObjectSpec])[]): ConnectionDefinitions {
  return Object.fromEntries(connectors);
}

/** Dotted paths of the secrets below `spec` (every option of a `oneOf` counts). */
export function collectSecrets(spec: FieldSpec, prefix = ""): string[] {
  if (spec.type === "string") return spec.secret ? [prefix] : [];
  if (spec.type === "oneOf") return [...new Set(spec.options.flatMap((o) => collectSecrets(o, prefix)))];
  if (spec.type !== "object") return [];
  return Object.entries(spec.properties).flatMap(([key, child]) => collectSecrets(child, prefix ? `${prefix}.${key}` : key));
}

/** The problems of `value` against an object spec; `label` (the service type) goes into each message. */
export function checkObject(spec: ObjectSpec, value: Record<string, unknown>, path: string, label: string): ConnectionProblem[] {
  const problems: ConnectionProblem[] = [];
  for (const [key, child] of Object.entries(value)) {
    const childSpec = spec.properties[key];
    const childPath = `${path}.${key}`;
    if (!childSpec) {
      if (!spec.open) problems.push({ path: childPath, kind: "unknown", message: `${childPath} is not a known field of a ${label} connection` });
      continue;
    }
    if (child === null) continue;
    problems.push(...checkField(childSpec, child, childPath, label));
  }
  for (const key of spec.required) {
    if (value[key] === undefined || value[key] === null) {
      problems.push({ path: `${path}.${key}`, kind: "required", message: `${path}.${key} is required for ${label}` });
    }
  }
  return problems;
}

/** The problems of one value against its spec (`path` names it in the messages). */
export function checkField(spec: FieldSpec, value: unknown, path: string, label: string): ConnectionProblem[] {
  const wrong = (expected: string): ConnectionProblem[] => [{ path, kind: "type", message: `${path} must be ${expected} for ${label}, got ${JSON.stringify(value)}` }];
  switch (spec.type) {
    case "string":
      if (typeof value !== "string") return wrong("a string");
      if (spec.enum && !spec.enum.includes(value)) return wrong(`one of ${spec.enum.join(", ")}`);
      return [];
    case "integer":
      return typeof value === "number" && Number.isInteger(value) ? [] : wrong("an integer");
    case "number":
      return typeof value === "number" ? [] : wrong("a number");
    case "boolean":
      return typeof value === "boolean" ? [] : wrong("a boolean");
    case "array":
      if (!Array.isArray(value)) return wrong("an array");
      return spec.items ? value.flatMap((item, i) => (item === null ? [] : checkField(spec.items!, item, `${path}[${i}]`, label))) : [];
    case "map":
      return isPlainObject(value) ? [] : wrong("an object");
    case "any":
      return [];
    case "object":
      return isPlainObject(value) ? checkObject(spec, value, path, label) : wrong("an object");
    case "oneOf": {
      if (!isPlainObject(value)) return wrong("an object");
      let best: ConnectionProblem[] | undefined;
      for (const option of spec.options) {
        const problems = checkObject(option, value, path, label);
        if (problems.length === 0) return [];
        if (!best || problems.length < best.length) best = problems;
      }
      return best ?? [];
    }
  }
}

/** A copy of `value` with the schema defaults filled in and known keys in schema order, unknown keys after. */
export function fillObject(spec: ObjectSpec, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(spec.properties)) {
    const current = value[key];
    if (current === undefined || current === null) {
      if ("default" in child && child.default !== undefined) out[key] = child.default;
      continue;
    }
    out[key] = fillField(child, current);
  }
  for (const [key, current] of Object.entries(value)) {
    if (!(key in spec.properties) && current !== undefined) out[key] = current;
  }
  return out;
}

function fillField(spec: FieldSpec, value: unknown): unknown {
  if (!isPlainObject(value)) return value;
  if (spec.type === "object") return fillObject(spec, value);
  if (spec.type === "oneOf") {
    const option = spec.options.find((o) => checkObject(o, value, "", "").length === 0);
    return option ? fillObject(option, value) : value;
  }
  return value;
}
