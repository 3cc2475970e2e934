import { ErrorCode, type UpstreamDetail } from "../errors.js";
import { createUpstream, type Upstream } from "../upstream/http.js";
import type { UpstreamSettings } from "../upstream/settings.js";

/** The message given for an HTML error page: WML answers one when a path or component does not exist (docs/upstream/wml.md §6.1). */
export const HTML_PAGE_MESSAGE = "WML answered an HTML page instead of JSON: no such path or WML component at the configured WML_URL";

/**
 * Reads a WML error body tolerantly (docs/upstream/wml.md §6.1, §9 item 13): `errors[0].code`/`message` and
 * `trace` from the envelope whatever `status_code` holds (missing, string or integer; the HTTP status
 * line is what counts); IAM's `{errorCode, errorMessage}`; an HTML page; any other text, shortened.
 */
export function parseWmlError(body: unknown): UpstreamDetail {
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const record = body as Record<string, unknown>;
    const first = Array.isArray(record.errors) ? (record.errors[0] as unknown) : undefined;
    const item = first && typeof first === "object" ? (first as Record<string, unknown>) : {};
    const code = text(item.code) ?? text(record.errorCode) ?? text(record.code);
    const message = text(item.message) ?? text(record.errorMessage) ?? text(record.message);
    const trace = text(record.trace);
    return { ...(code !== undefined && { code }), ...(message !== undefined && { message }), ...(trace !== undefined && { trace }) };
  }
  if (typeof body === "string" && body.trim()) {
    const trimmed = body.trim();
    if (/^<(!doctype|html)/i.test(trimmed)) {
      const title = /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
      return { message: title ? `${HTML_PAGE_MESSAGE} (${title})` : HTML_PAGE_MESSAGE };
    }
    return { message: trimmed.slice(0, 500) };
  }
  return {};
}

/**
 * The code for a WML error beyond the status table: an HTML 404 is a wrong URL or a missing component,
 * not a missing entity, so it is UPSTREAM_ERROR and never reads as `null` (docs/upstream/wml.md §6.1).
 */
export function classifyWmlError(status: number, detail: UpstreamDetail): ErrorCode | undefined {
  if (status === 404 && detail.message?.startsWith(HTML_PAGE_MESSAGE)) return ErrorCode.UPSTREAM_ERROR;
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

/**
 * The WML REST upstream (`/ml/v4/…`): one got instance per process (docs/upstream/wml.md §1). `retry` retries
 * GETs on 429/5xx (docs/upstream/wml.md §8, §9 item 15); a PATCH is never sent twice.
 */
export function createWmlUpstream(options: UpstreamSettings): Upstream {
  return createUpstream({
    ...options,
    service: "wml",
    parseError: parseWmlError,
    classify: classifyWmlError,
  });
}
