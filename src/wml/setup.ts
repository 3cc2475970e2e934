import { ConfigError, type Config } from "../config.js";
import type { CallObserver } from "../upstream/http.js";
import { createApiKeyTokenProvider, createStaticTokenProvider, type TokenProvider } from "./auth/token-provider.js";
import { createWmlClient, type WmlClient } from "./client.js";
import { createWmlUpstream } from "./upstream.js";

/** What an embedded local catalog tells the gateway about its WML side: where it is, its sample space and an API key it accepts. */
export interface EmbeddedWml {
  url: string;
  spaceId: string;
  apiKey: string | undefined;
}

/**
 * The WML settings for the embedded local catalog, used when `WML_URL` is unset: WML and IAM both at
 * the catalog, its sample space unless `WML_SPACE_ID` is set, and unless `WML_TOKEN` or `WML_API_KEY`
 * is set, the API key it reported, so the IAM exchange path runs by default (docs/upstream/wml.md §2, §11).
 */
export function embeddedWmlConfig(wml: Config["wml"], embedded: EmbeddedWml): Config["wml"] {
  const apiKey = wml.apiKey ?? (wml.token ? undefined : embedded.apiKey);
  return { ...wml, url: embedded.url, iamUrl: embedded.url, apiKey, spaceId: wml.spaceId ?? embedded.spaceId };
}

/**
 * The process-wide WML client for a configuration whose `wml.url` is known: the upstream, and the
 * credential (`WML_TOKEN` as it is, or `WML_API_KEY` exchanged at `WML_IAM_URL`; docs/upstream/wml.md §2).
 */
export function createWmlClientFromConfig(config: Config, options: { secrets: () => Iterable<string | undefined>; observe?: CallObserver }): WmlClient {
  const { wml } = config;
  if (!wml.url || !wml.spaceId) throw new Error("createWmlClientFromConfig needs config.wml.url and config.wml.spaceId");
  let tokens: TokenProvider;
  if (wml.token) tokens = createStaticTokenProvider(wml.token);
  else if (wml.apiKey) tokens = createApiKeyTokenProvider({ apiKey: wml.apiKey, iamUrl: wml.iamUrl, timeoutMs: config.upstreamTimeoutMs, secrets: options.secrets, observe: options.observe });
  else throw new ConfigError("WML_URL is set but no WML credential is: set WML_TOKEN, or WML_API_KEY (exchanged at WML_IAM_URL)");
  const upstream = createWmlUpstream({ baseUrl: wml.url, timeoutMs: config.upstreamTimeoutMs, retry: config.upstreamRetry, secrets: options.secrets, observe: options.observe });
  return createWmlClient({ upstream, tokens, apiVersion: wml.apiVersion, defaultSpaceId: wml.spaceId });
}
