import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import got, { RequestError, TimeoutError, type Got } from "got";
import { TransportFailure, USER_AGENT, type RawAnswer, type Transport, type TransportRequest } from "./transport.js";

/**
 * The transport for writes: one got instance per upstream, its own retry off (`createUpstream` decides
 * what is sent again), any status answered rather than thrown, no redirects followed, `timeoutMs` for the
 * whole call. The JSON body is serialized before the call (a failure there is thrown as is); got
 * serializes a form body, and reports a lost connection or a time-out as a
 * `TransportFailure`.
 */
export function createGotTransport(timeoutMs: number): Transport {
  const http: Got = got.extend({
    timeout: { request: timeoutMs },
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    responseType: "text",
    headers: { "user-agent": USER_AGENT },
  });
  return async (call: TransportRequest): Promise<RawAnswer> => {
    // Serialized here, outside the try: a value that cannot be serialized is the gateway's fault, thrown
    // as it is, never reported as an upstream that could not be reached (nothing was sent).
    const body = call.json === undefined ? undefined : JSON.stringify(call.json);
    const headers = body === undefined ? call.headers : { "content-type": "application/json", ...call.headers };
    try {
      // The request target goes out as built (TransportRequest.path): got would re-parse it as a URL.
      const target = call.path;
      const request = target === undefined ? undefined : (url: URL, options: object) => (url.protocol === "https:" ? httpsRequest : httpRequest)(url, { ...options, path: target });
      const response = await http(call.url, { method: call.method as "POST", body, form: call.form, headers, ...(request && { request }) });
      return { status: response.statusCode, headers: response.headers, text: response.body };
    } catch (error) {
      if (error instanceof TimeoutError) throw new TransportFailure(true, error.code, { cause: error });
      throw new TransportFailure(false, error instanceof RequestError ? error.code : undefined, { cause: error });
    }
  };
}
