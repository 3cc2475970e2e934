import { ErrorCode, type UpstreamDetail } from "../errors.js";
import { createUpstream, type Upstream } from "../upstream/http.js";
import type { UpstreamSettings } from "../upstream/settings.js";

/**
 * The OpenMetadata upstream. Error bodies are `{code, message}` (some builds add `errorType` or
 * `details`, ignored); anything else is kept as text (docs/upstream/openmetadata.md §4.1).
 */
export function createOpenMetadataUpstream(options: UpstreamSettings): Upstream {
  return createUpstream({
    ...options,
    service: "openmetadata",
    parseError: parseOpenMetadataError,
    classify: classifyOpenMetadataError,
  });
}

/** OpenMetadata's 409 "… already exists" is ALREADY_EXISTS; every other status goes by `codeForStatus`. */
export function classifyOpenMetadataError(status: number, detail: UpstreamDetail): ErrorCode | undefined {
  return status === 409 && /already exists/i.test(detail.message ?? "") ? ErrorCode.ALREADY_EXISTS : undefined;
}

/** Reads OpenMetadata's `{code, message}` error body leniently (§4.1: read `code` and `message`, ignore the rest). */
export function parseOpenMetadataError(body: unknown): UpstreamDetail {
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const { code, message } = body as { code?: unknown; message?: unknown };
    return {
      code: code === undefined || code === null ? undefined : String(code),
      message: typeof message === "string" ? message : undefined,
    };
  }
  if (typeof body === "string" && body.trim()) return { message: body.trim().slice(0, 500) };
  return {};
}
