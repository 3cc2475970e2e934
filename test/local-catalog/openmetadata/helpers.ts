import { ManualClock } from "../../../src/local-catalog/clock.js";
import type { OpenMetadataOptions } from "../../../src/local-catalog/openmetadata/part.js";
import { startLocalCatalog, type LocalCatalog } from "../../../src/local-catalog/server.js";

/** A parsed answer of the catalog. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** Per-call settings: the bearer token (default `admin`; `null` sends none), a body, headers. */
export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Sent verbatim instead of JSON-encoding `body`. */
  raw?: string;
  contentType?: string | null;
  headers?: Record<string, string>;
}

/** A catalog on port 0 with an in-memory store and a manual clock, and a small HTTP client for it. */
export interface TestCatalog {
  catalog: LocalCatalog;
  clock: ManualClock;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  close(): Promise<void>;
}

/** Starts a seeded catalog; `path`s given to `call` are relative to `/api/v1`. */
export async function startTestCatalog(openmetadata: OpenMetadataOptions = {}, seed = true): Promise<TestCatalog> {
  const clock = new ManualClock();
  const catalog = await startLocalCatalog({ port: 0, dataFile: ":memory:", clock, openmetadata, seed });
  async function call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? "admin" : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = options.raw;
    if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
    const defaultType = method === "PATCH" ? "application/json-patch+json" : "application/json";
    const contentType = options.contentType === undefined ? (body !== undefined ? defaultType : null) : options.contentType;
    if (contentType !== null) headers["content-type"] = contentType;
    const response = await fetch(`${catalog.url}/api/v1${path}`, { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }
  return { catalog, clock, call, close: () => catalog.close() };
}

/** `mlmodelServices` collection path. */
export const ML = "/services/mlmodelServices";
/** `pipelineServices` collection path. */
export const PIPE = "/services/pipelineServices";

/** A minimal valid Mlflow create request. */
export function mlflowRequest(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    serviceType: "Mlflow",
    connection: { config: { type: "Mlflow", trackingUri: "http://mlflow:5000", registryUri: "http://mlflow:5000" } },
    ...extra,
  };
}
