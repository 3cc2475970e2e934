import { ErrorCode, UpstreamError } from "../errors.js";
import type { CallScope, Upstream, UpstreamAnswer, UpstreamCall } from "../upstream/http.js";
import type { TokenProvider } from "./auth/token-provider.js";
import type { WmlContainer } from "./space.js";

/**
 * A WML call: an upstream call plus the space or project it is scoped to (docs/upstream/wml.md §1.3); no
 * container for the calls that take none (the serving-name check, the spaces API; §4.3, §13).
 */
export interface WmlCall extends Omit<UpstreamCall, "headers"> {
  container?: WmlContainer;
}

/** The process-wide WML client: the upstream, the gateway's credential, the pinned version and the default space. */
export interface WmlClient {
  readonly defaultSpaceId: string;
  /**
   * Sends a call with `version=<WML_API_VERSION>` and `space_id` or `project_id` in the query and the gateway's own
   * bearer token (docs/upstream/wml.md §1.2, §1.3, §2).
   */
  send<T>(call: WmlCall, scope: CallScope): Promise<UpstreamAnswer<T>>;
  /** The WML credentials held right now (API key, current token), for `deps.secrets()`. */
  secrets(): string[];
}

/**
 * Every WML call goes through here, so none can miss `version` or its container (docs/upstream/wml.md §9 items 1-2).
 * A 401 on an exchanged token drops that token and sends the call once more with a fresh one (the
 * service refused it before doing anything, so even a PATCH is safe to resend); a static token's 401 is
 * UNAUTHENTICATED at once (§9 item 18).
 */
export function createWmlClient(options: { upstream: Upstream; tokens: TokenProvider; apiVersion: string; defaultSpaceId: string }): WmlClient {
  const { upstream, tokens, apiVersion, defaultSpaceId } = options;

  async function attempt<T>(call: WmlCall, scope: CallScope, authorization: string): Promise<UpstreamAnswer<T>> {
    const { container, searchParams, ...rest } = call;
    return upstream.send<T>({ ...rest, searchParams: { version: apiVersion, ...container, ...searchParams }, headers: { authorization } }, scope);
  }

  return {
    defaultSpaceId,
    secrets: () => tokens.secrets(),
    async send<T>(call: WmlCall, scope: CallScope) {
      const authorization = await tokens.authorization();
      try {
        return await attempt<T>(call, scope, authorization);
      } catch (error) {
        if (!(error instanceof UpstreamError) || error.code !== ErrorCode.UNAUTHENTICATED || !tokens.invalidate(authorization)) throw error;
        return attempt<T>(call, scope, await tokens.authorization());
      }
    },
  };
}
