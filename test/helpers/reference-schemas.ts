import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Reads OpenMetadata's JSON schemas from the shared reference folder (`shared/reference/openmetadata/`,
 * beside the clone in CI) so that tests can hold the local catalog's hand-written definitions against
 * them. Nothing is copied into the project: when the folder is absent, {@link referenceRoot} is undefined
 * and the tests that need it are skipped.
 */

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The folder holding `entity/`, `api/`, `security/`, `type/`, or undefined when it cannot be found. */
export const referenceRoot: string | undefined = [
  process.env.OPENMETADATA_SCHEMAS,
  resolve(repoRoot, "../shared/reference/openmetadata"),
  resolve(repoRoot, "../../shared/reference/openmetadata"),
].find((dir): dir is string => dir !== undefined && existsSync(resolve(dir, "entity/services/pipelineService.json")));

/** A schema node and the file it was read from (for resolving its relative `$ref`s). */
export interface SchemaNode {
  readonly node: Record<string, any>;
  readonly file: string;
}

/** A schema node whose `$ref` points at a file the subset does not carry (docs/upstream/openmetadata.md §13.2). */
export interface DanglingNode {
  readonly dangling: string;
  readonly default?: unknown;
}

const cache = new Map<string, Record<string, any>>();

/** A schema file by its path below the reference root. */
export function loadSchema(path: string): SchemaNode {
  if (!referenceRoot) throw new Error("the OpenMetadata reference schemas are not available");
  const file = resolve(referenceRoot, path);
  return { node: readJson(file), file };
}

function readJson(file: string): Record<string, any> {
  let doc = cache.get(file);
  if (!doc) {
    doc = JSON.parse(readFileSync(file, "utf8")) as Record<string, any>;
    cache.set(file, doc);
  }
  return doc;
}

/** Follows `$ref`s (keeping sibling keys such as `default`); a reference outside the subset is a {@link DanglingNode}. */
export function deref(schema: SchemaNode): SchemaNode | DanglingNode {
  let { node, file } = schema;
  const siblings: Record<string, unknown> = {};
  while (typeof node.$ref === "string") {
    const { $ref, ...rest } = node;
    Object.assign(siblings, rest);
    const [target, fragment] = ($ref as string).split("#");
    const nextFile = target ? resolve(dirname(file), target) : file;
    if (!existsSync(nextFile)) return { dangling: $ref as string, ...("default" in siblings ? { default: siblings.default } : {}) };
    let next: any = readJson(nextFile);
    for (const key of (fragment ?? "").split("/").filter(Boolean)) next = next[key];
    node = next;
    file = nextFile;
  }
  return { node: { ...node, ...siblings }, file };
}

/** The `oneOf`/`anyOf` options of a node, dereferenced. */
export function optionsOf(schema: SchemaNode): (SchemaNode | DanglingNode)[] {
  const options = (schema.node.oneOf ?? schema.node.anyOf ?? []) as Record<string, any>[];
  return options.map((node) => deref({ node, file: schema.file }));
}

/** The connection schema of every service type of a service entity schema (`<kind>Connection.config.oneOf`), by `type` enum value. */
export function connectionSchemas(serviceSchema: string): Map<string, SchemaNode> {
  const service = loadSchema(serviceSchema);
  const wrapper = Object.entries(service.node.definitions as Record<string, any>).find(([name]) => name.endsWith("Connection"))![1];
  const out = new Map<string, SchemaNode>();
  for (const option of optionsOf({ node: wrapper.properties.config, file: service.file })) {
    if ("dangling" in option) throw new Error(`connection schema ${option.dangling} is missing from the subset`);
    const type = deref({ node: option.node.properties.type, file: option.file });
    if ("dangling" in type) throw new Error(`the type of ${option.file} is not in the subset`);
    out.set((type.node.enum ?? [type.node.const])[0] as string, option);
  }
  return out;
}

/** The values of a service entity schema's `<kind>ServiceType` enum. */
export function serviceTypeEnum(serviceSchema: string): string[] {
  const service = loadSchema(serviceSchema);
  const entry = Object.entries(service.node.definitions as Record<string, any>).find(([name]) => name.endsWith("ServiceType"))!;
  return entry[1].enum as string[];
}
