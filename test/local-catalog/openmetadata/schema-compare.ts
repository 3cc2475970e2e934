import type { FieldSpec } from "../../../src/local-catalog/openmetadata/connection-spec.js";
import { deref, optionsOf, type DanglingNode, type SchemaNode } from "../../helpers/reference-schemas.js";

/**
 * Every difference between a hand-written connection spec and the upstream JSON schema it claims to
 * follow: property names, required keys, closed or open objects, types, defaults, enums, `oneOf`
 * options, and `format: password` secrets. Empty when they agree. A `$ref` the subset does not carry may
 * be written as anything that accepts more (an open object, `any`, a string).
 */
export function compareSpec(schema: SchemaNode | DanglingNode, spec: FieldSpec, path: string): string[] {
  if ("dangling" in schema) {
    if (spec.type === "object" && !spec.open) return [`${path}: ${schema.dangling} is not in the subset, so the spec must not close it`];
    if (spec.type !== "object" && spec.type !== "any" && spec.type !== "string" && spec.type !== "oneOf") return [`${path}: ${schema.dangling} written as ${spec.type}`];
    if (schema.default !== undefined && "default" in spec && spec.default !== schema.default) return [`${path}: default ${JSON.stringify(spec.default)} ≠ ${JSON.stringify(schema.default)}`];
    return [];
  }
  const { node } = schema;
  if (node.oneOf || node.anyOf) return compareOneOf(schema, spec, path);
  const type = node.type ?? (node.properties ? "object" : undefined);
  const problems: string[] = [];
  const expectDefault = (value: unknown) => {
    const expected = node.default === null ? undefined : node.default;
    const normalised = typeof value === "number" && typeof expected === "string" ? String(value) : value;
    if (normalised !== expected) problems.push(`${path}: default ${JSON.stringify(value)} ≠ schema ${JSON.stringify(expected)}`);
  };
  switch (type) {
    case "object": {
      const properties = (node.properties ?? {}) as Record<string, any>;
      if (!node.properties && node.additionalProperties !== false) return spec.type === "map" ? [] : [`${path}: a free-form object written as ${spec.type}`];
      if (spec.type !== "object") return [`${path}: an object written as ${spec.type}`];
      const open = node.additionalProperties !== false;
      if (open !== spec.open) problems.push(`${path}: ${open ? "open" : "closed"} in the schema, ${spec.open ? "open" : "closed"} in the spec`);
      const schemaKeys = Object.keys(properties);
      const specKeys = Object.keys(spec.properties);
      for (const key of schemaKeys) if (!specKeys.includes(key)) problems.push(`${path}.${key}: missing from the spec`);
      for (const key of specKeys) if (!schemaKeys.includes(key)) problems.push(`${path}.${key}: not in the schema`);
      if (schemaKeys.join() !== specKeys.filter((k) => schemaKeys.includes(k)).join()) problems.push(`${path}: properties out of schema order`);
      const required = ((node.required ?? []) as string[]).filter((k) => k in properties).sort();
      if (required.join() !== [...spec.required].sort().join()) problems.push(`${path}: required [${[...spec.required].sort()}] ≠ schema [${required}]`);
      for (const key of schemaKeys) {
        const child = spec.properties[key];
        if (child) problems.push(...compareSpec(deref({ node: properties[key], file: schema.file }), child, `${path}.${key}`));
      }
      return problems;
    }
    case "string": {
      if (spec.type !== "string") return [`${path}: a string written as ${spec.type}`];
      const password = node.format === "password";
      if (password !== (spec.secret === true)) problems.push(`${path}: ${password ? "a format: password secret" : "not a secret"} in the schema, ${spec.secret ? "secret" : "plain"} in the spec`);
      expectDefault(spec.default);
      const values = (node.enum ?? (node.const !== undefined ? [node.const] : undefined)) as string[] | undefined;
      if ((values ?? []).join() !== (spec.enum ?? []).join()) problems.push(`${path}: enum [${spec.enum ?? []}] ≠ schema [${values ?? []}]`);
      return problems;
    }
    case "integer":
    case "number":
    case "boolean":
      if (spec.type !== type) return [`${path}: ${type} written as ${spec.type}`];
      expectDefault((spec as { default?: unknown }).default);
      return problems;
    case "array":
      return spec.type === "array" ? [] : [`${path}: an array written as ${spec.type}`];
    default:
      return spec.type === "any" ? [] : [`${path}: untyped in the schema, ${spec.type} in the spec`];
  }
}

function compareOneOf(schema: SchemaNode, spec: FieldSpec, path: string): string[] {
  const options = optionsOf(schema);
  const scalar = options.some((o) => !("dangling" in o) && o.node.type !== undefined && o.node.type !== "object");
  if (scalar) return spec.type === "any" ? [] : [`${path}: a choice including a non-object written as ${spec.type}`];
  const known = options.filter((o): o is SchemaNode => !("dangling" in o));
  if (known.length === 0) return spec.type === "any" || (spec.type === "object" && spec.open) ? [] : [`${path}: only dangling options, written as ${spec.type}`];
  if (spec.type !== "oneOf") return [`${path}: a oneOf written as ${spec.type}`];
  const problems: string[] = [];
  if (known.length === options.length && spec.options.length !== known.length) problems.push(`${path}: ${spec.options.length} options ≠ schema ${known.length}`);
  known.forEach((option, i) => {
    const mine = spec.options[i];
    if (mine) problems.push(...compareSpec(option, mine, `${path}[${i}]`));
    else problems.push(`${path}[${i}]: missing option`);
  });
  for (const extra of spec.options.slice(known.length)) if (!extra.open) problems.push(`${path}: an extra option that is not open`);
  return problems;
}

/** The dotted paths of the `format: password` strings of a schema (every `oneOf` option; dangling references skipped). */
export function schemaSecrets(schema: SchemaNode | DanglingNode, prefix = ""): string[] {
  if ("dangling" in schema) return [];
  const { node } = schema;
  if (node.oneOf || node.anyOf) return [...new Set(optionsOf(schema).flatMap((o) => schemaSecrets(o, prefix)))];
  if (node.type === "string") return node.format === "password" ? [prefix] : [];
  const properties = (node.properties ?? {}) as Record<string, any>;
  return Object.entries(properties).flatMap(([key, child]) => schemaSecrets(deref({ node: child, file: schema.file }), prefix ? `${prefix}.${key}` : key));
}

/** The dotted paths where the schema refers to a file the subset does not carry (what lies below is unknown to it). */
export function danglingPaths(schema: SchemaNode | DanglingNode, prefix = ""): string[] {
  if ("dangling" in schema) return [prefix];
  const { node } = schema;
  if (node.oneOf || node.anyOf) return [...new Set(optionsOf(schema).flatMap((o) => danglingPaths(o, prefix)))];
  const properties = (node.properties ?? {}) as Record<string, any>;
  return Object.entries(properties).flatMap(([key, child]) => danglingPaths(deref({ node: child, file: schema.file }), prefix ? `${prefix}.${key}` : key));
}
