import { execute, parse } from "graphql";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSchema } from "./schema.js";

/** Where `npm run print-schema` writes the SDL when no path is given. */
export const DEFAULT_SCHEMA_FILE = "dist/schema.graphql";

/**
 * The subgraph SDL exactly as a router reads it from `_service { sdl }` (answered in-process, no server):
 * the `@link`s, federation's directive definitions and its `_entities`/`_service` fields included.
 */
export function printSubgraphSdl(): string {
  const result = execute({ schema: buildSchema(), document: parse("{ _service { sdl } }") });
  if ("then" in result || result.errors?.length || typeof result.data?._service !== "object") throw new Error("the subgraph did not answer _service { sdl }");
  return String((result.data._service as { sdl: unknown }).sdl);
}

/** Writes the subgraph SDL to `path` (directories created as needed) and returns the absolute path. */
export function writeSubgraphSdl(path: string = DEFAULT_SCHEMA_FILE): string {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${printSubgraphSdl()}\n`);
  return target;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = writeSubgraphSdl(process.argv[2]);
  process.stdout.write(`subgraph SDL written to ${target}\n`);
}
