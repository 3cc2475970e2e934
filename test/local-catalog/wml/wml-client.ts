import { ManualClock } from "../../../src/local-catalog/clock.js";
import { startLocalCatalog, type LocalCatalog } from "../../../src/local-catalog/server.js";
import type { WmlOptions } from "../../../src/local-catalog/wml/part.js";
import { SAMPLE_SPACE_ID } from "../../../src/local-catalog/wml/sample-data.js";

/** The API date the tests pin (docs/upstream/wml.md §1.2). */
export const VERSION = "2024-01-29";

/** One HTTP answer, body parsed as JSON when it is JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  // JSON bodies are inspected field by field in the tests.
  body: any;
  text: string;
}

/** Options of one call; `version` and `token` default to the pinned date and a static token. */
export interface CallOptions {
  query?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  token?: string | null;
  version?: string | null;
  space?: string | null;
  headers?: Record<string, string>;
}

/** A local catalog on port 0 with a manual clock, spoken to over real HTTP. */
export interface WmlHarness {
  catalog: LocalCatalog;
  clock: ManualClock;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  close(): Promise<void>;
}

/** Starts the catalog with WML options; `space` defaults to the sample space on every call. */
export async function startWml(wml: WmlOptions = {}, seed = true): Promise<WmlHarness> {
  const clock = new ManualClock();
  const catalog = await startLocalCatalog({ port: 0, dataFile: ":memory:", clock, seed, wml: { deployDelayMs: 1000, assetUpdateDelayMs: 2000, ...wml } });
  const call = async (method: string, path: string, options: CallOptions = {}): Promise<Answer> => {
    const url = new URL(path, catalog.url);
    if (options.version !== null) url.searchParams.set("version", options.version ?? VERSION);
    const space = options.space === undefined ? SAMPLE_SPACE_ID : options.space;
    if (space !== null && method !== "POST") url.searchParams.set("space_id", space);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    if (options.token !== null) headers.authorization = `Bearer ${options.token ?? "static-test-token"}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
  return { catalog, clock, call, close: () => catalog.close() };
}

/** A create body for a scikit-learn model in the sample space (docs/upstream/wml.md §5.2). */
export function modelBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    space_id: SAMPLE_SPACE_ID,
    name: "test model",
    type: "scikit-learn_1.3",
    software_spec: { name: "runtime-23.1-py3.10" },
    schemas: { input: [{ id: "in", type: "struct", fields: [{ name: "x", type: "double" }] }] },
    ...overrides,
  };
}
