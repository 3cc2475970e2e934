import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { TransportFailure, USER_AGENT, type RawAnswer, type Transport, type TransportRequest } from "./transport.js";

/** Bodies an upstream may send compressed although the gateway asks for none; anything else is read as it is. */
const DECODERS: Record<string, (body: Buffer) => Buffer> = {
  gzip: gunzipSync,
  "x-gzip": gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

function decode(response: IncomingMessage, body: Buffer): string {
  const encoding = response.headers["content-encoding"]?.trim().toLowerCase();
  const decoder = encoding ? DECODERS[encoding] : undefined;
  return (decoder ? decoder(body) : body).toString("utf8");
}

/**
 * The transport for reads (GET): one `node:http(s)` request over Node's keep-alive global agents, one
 * timer for the whole call (`timeoutMs`, as got's `timeout.request`), no redirects followed, the body
 * read as text. This is the gateway's hot path: got's per-call machinery (options normalization, the
 * duplex stream and its timers) cost about 0.38 ms of CPU per call here, more than the rest of a
 * one-service query together (bench/README.md).
 */
export function createReadTransport(timeoutMs: number): Transport {
  return (call: TransportRequest) =>
    new Promise<RawAnswer>((resolve, reject) => {
      const https = call.url.protocol === "https:";
      const send = https ? httpsRequest : httpRequest;
      const headers = { "user-agent": USER_AGENT, ...call.headers };
      // Plain options, not the URL: Node would convert the URL object into these on every call.
      const options = {
        protocol: call.url.protocol,
        hostname: call.url.hostname.startsWith("[") ? call.url.hostname.slice(1, -1) : call.url.hostname,
        port: call.url.port || (https ? 443 : 80),
        path: call.path ?? `${call.url.pathname}${call.url.search}`,
        method: call.method,
        headers,
        ...(call.url.username && { auth: `${decodeURIComponent(call.url.username)}:${decodeURIComponent(call.url.password)}` }),
      };
      const request = send(options, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.once("end", () => {
          clearTimeout(timer);
          try {
            const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
            resolve({ status: response.statusCode ?? 0, headers: response.headers, text: decode(response, body) });
          } catch (error) {
            reject(new TransportFailure(false, "EBADBODY", { cause: error }));
          }
        });
        response.once("error", fail);
      });
      let timedOut = false;
      function fail(error: Error & { code?: string }) {
        clearTimeout(timer);
        reject(new TransportFailure(timedOut, timedOut ? "ETIMEDOUT" : error.code, { cause: error }));
      }
      // Past the limit the request is torn down; whichever side reports it (the request, or a response
      // already under way) is told it was the time limit.
      const timer = setTimeout(() => {
        timedOut = true;
        request.destroy(new Error(`no complete answer within ${timeoutMs} ms`));
      }, timeoutMs);
      request.once("error", fail);
      request.end();
    });
}
