import type { IncomingMessage, ServerResponse } from "node:http";

/** One parsed request as a route handler sees it: path parameters are percent-decoded per segment. */
export interface CatalogRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage["headers"];
  /** The raw body (empty when none was sent). */
  readonly body: Buffer;
}

/** What a handler answers: a status, an optional JSON body (or raw text), extra headers. */
export interface CatalogResponse {
  status: number;
  body?: unknown;
  /** Sent verbatim instead of JSON when set (HTML error pages, for instance). */
  text?: string;
  headers?: Record<string, string>;
}

export type Handler = (req: CatalogRequest) => CatalogResponse | Promise<CatalogResponse>;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/** A small exact-segment router: `/v1/services/:collection/name/:fqn`; a literal segment beats a parameter. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: split(pattern), handler });
    return this;
  }

  /** Finds the handler for a path; `methodMismatch` says a route exists for another method (405). */
  match(method: string, rawPath: string): { handler: Handler; params: Record<string, string> } | { methodMismatch: boolean } {
    const segments = split(rawPath);
    let methodMismatch = false;
    let best: { handler: Handler; params: Record<string, string>; literals: number } | undefined;
    for (const route of this.routes) {
      if (route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      let ok = true;
      for (let i = 0; i < segments.length; i++) {
        const pattern = route.segments[i];
        if (pattern.startsWith(":")) {
          let value: string;
          try {
            value = decodeURIComponent(segments[i]);
          } catch {
            ok = false;
            break;
          }
          params[pattern.slice(1)] = value;
        } else if (pattern === segments[i]) {
          literals++;
        } else {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (route.method !== method) {
        methodMismatch = true;
        continue;
      }
      if (!best || literals > best.literals) best = { handler: route.handler, params, literals };
    }
    return best ? { handler: best.handler, params: best.params } : { methodMismatch };
  }
}

function split(path: string): string[] {
  return path.split("/").filter((s) => s.length > 0);
}

/** Reads the whole request body into one buffer. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Writes a handler's answer. */
export function send(res: ServerResponse, answer: CatalogResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  let payload: string | undefined;
  if (answer.text !== undefined) {
    payload = answer.text;
    headers["content-type"] ??= "text/html; charset=utf-8";
  } else if (answer.body !== undefined) {
    payload = JSON.stringify(answer.body);
    headers["content-type"] ??= "application/json";
  }
  if (payload !== undefined) headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(answer.status, headers);
  res.end(payload);
}
