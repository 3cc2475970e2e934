import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One fault the proxy can inject into a request it matches. */
export type Fault =
  /** Waits, then forwards the request as usual. */
  | { kind: "delay"; ms: number }
  /** Waits until `until` settles, then forwards the request as usual (a request held in flight for as long as a test needs). */
  | { kind: "hold"; until: Promise<unknown> }
  /** Answers with this status itself; the upstream never sees the request. */
  | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  /** Answers with this status and this body text as it is (HTML, broken JSON); the upstream never sees the request. */
  | { kind: "raw"; status: number; text: string; contentType: string }
  /** `429 Too Many Requests` with `Retry-After: <seconds>`; the upstream never sees the request. */
  | { kind: "rate-limit"; retryAfterSeconds: number | string }
  /** Destroys the connection before forwarding: the upstream never sees the request. */
  | { kind: "reset" }
  /** Forwards the request, waits for the upstream's answer, then destroys the connection: the answer is lost. */
  | { kind: "lose-answer" }
  /** Reads the request and never answers (a hang past any time-out); the upstream never sees it. */
  | { kind: "hang" };

/** Which requests a rule applies to: a method (any when omitted) and a path test on the path with its query. */
export interface Match {
  method?: string;
  path?: string | RegExp;
}

/** A request as the proxy saw it, with the fault it got (none when passed through untouched). */
export interface ProxiedRequest {
  method: string;
  path: string;
  /** `performance.now()` when the request arrived. */
  at: number;
  fault?: Fault["kind"];
  /** Whether the request was sent on to the upstream. */
  forwarded: boolean;
}

/**
 * A node:http proxy on port 0 between the gateway and an upstream, with per-route programmable faults.
 * Tests use it to see how the gateway behaves when its upstream is slow, failing, or gone.
 */
export interface FaultProxy {
  readonly url: string;
  /** Every request received since start or `reset()`, in arrival order. */
  readonly requests: ProxiedRequest[];
  /**
   * Injects `faults` into the requests that `match`: the n-th matching request gets the n-th fault; once
   * the list is used up, matching requests pass through. With `{ repeat: true }` the last fault repeats.
   */
  inject(match: Match, faults: Fault | Fault[], options?: { repeat?: boolean }): void;
  /** Requests received whose path (with query) contains `fragment`, optionally of one method. */
  seen(fragment: string, method?: string): ProxiedRequest[];
  /** Forgets every rule and the request log. */
  reset(): void;
  /** Stops listening and drops every connection: the upstream looks down (connection refused). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

interface Rule {
  match: Match;
  faults: Fault[];
  repeat: boolean;
  used: number;
}

function matches(match: Match, method: string, path: string): boolean {
  if (match.method && match.method !== method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === "string" ? path.includes(match.path) : match.path.test(path);
}

/** Starts a fault proxy in front of `target` (an origin such as `http://127.0.0.1:8585`). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const rules: Rule[] = [];
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<Socket>();
  const hung = new Set<ServerResponse>();

  function faultFor(method: string, path: string): Fault | undefined {
    for (const rule of rules) {
      if (!matches(rule.match, method, path)) continue;
      if (rule.used < rule.faults.length) return rule.faults[rule.used++];
      if (rule.repeat && rule.faults.length > 0) return rule.faults[rule.faults.length - 1];
    }
    return undefined;
  }

  function forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage["headers"]; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const out = httpRequest(
        { hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => chunks.push(chunk));
          answer.on("end", () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
          answer.on("error", reject);
        },
      );
      out.on("error", reject);
      out.end(body);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = req.method ?? "GET";
    const path = req.url ?? "/";
    const fault = faultFor(method, path);
    const record: ProxiedRequest = { method, path, at: performance.now(), fault: fault?.kind, forwarded: false };
    requests.push(record);
    if (fault?.kind === "hang") {
      hung.add(res);
      return;
    }
    if (fault?.kind === "reset") {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "raw") {
      res.writeHead(fault.status, { "content-type": fault.contentType, "content-length": Buffer.byteLength(fault.text) });
      res.end(fault.text);
      return;
    }
    if (fault?.kind === "status" || fault?.kind === "rate-limit") {
      const status = fault.kind === "status" ? fault.status : 429;
      const headers = fault.kind === "status" ? (fault.headers ?? {}) : { "retry-after": String(fault.retryAfterSeconds) };
      const payload = JSON.stringify(fault.kind === "status" && fault.body !== undefined ? fault.body : { code: status, message: `injected ${status}` });
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers });
      res.end(payload);
      return;
    }
    if (fault?.kind === "delay") await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === "hold") await fault.until;
    record.forwarded = true;
    const answer = await forward(req, body);
    if (fault?.kind === "lose-answer") {
      req.socket.destroy();
      return;
    }
    const headers = { ...answer.headers };
    delete headers["transfer-encoding"];
    headers["content-length"] = String(answer.body.length);
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(502, { "content-type": "application/json" });
        res.end(JSON.stringify({ code: 502, message: "fault proxy could not reach the upstream" }));
      } else {
        res.destroy();
      }
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const res of hung) res.destroy();
      hung.clear();
      for (const socket of sockets) socket.destroy();
    });
  await listen();

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    requests,
    inject(match, faults, options = {}) {
      rules.push({ match, faults: Array.isArray(faults) ? faults : [faults], repeat: options.repeat ?? false, used: 0 });
    },
    seen(fragment, method) {
      return requests.filter((r) => r.path.includes(fragment) && (method === undefined || r.method === method));
    },
    reset() {
      rules.length = 0;
      requests.length = 0;
    },
    stop,
    start: listen,
    close: stop,
  };
}
