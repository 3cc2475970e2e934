/**
 * The only reader of `process.env`. Configuration is read once at start, validated eagerly, and passed
 * down as a typed object, so tests build one inline. A bad value stops start-up with a message that
 * names the variable, the rule, and the value (never the value of a secret).
 */

import { parseCorsOrigins } from "./security/cors.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./upstream/retry.js";

/** The pinned WML API date: the version the gateway and the local catalog are tested with. */
export const DEFAULT_WML_API_VERSION = "2024-01-29";

export interface LocalCatalogConfig {
  port: number;
  dataFile: string;
}

export interface Config {
  port: number;
  host: string;
  openmetadata: {
    /** OpenMetadata API base including `/api`; undefined means the local catalog. */
    url: string | undefined;
    /** Sent when the caller sends no `Authorization`. */
    token: string | undefined;
  };
  wml: {
    /** WML base URL; undefined means the local catalog. */
    url: string | undefined;
    token: string | undefined;
    apiKey: string | undefined;
    iamUrl: string;
    apiVersion: string;
    /** Required with `WML_URL`; without it, the embedded local catalog's sample space unless set. */
    spaceId: string | undefined;
  };
  localCatalog: LocalCatalogConfig;
  /** Upstream request timeout in milliseconds. */
  upstreamTimeoutMs: number;
  /** Retries of idempotent upstream calls (src/upstream/retry.ts). */
  upstreamRetry: RetryPolicy;
  /** Query limits, enforced at parse and validation (src/security/limits.ts). */
  limits: QueryLimits;
  /** Introspection and "Did you mean" field suggestions: off when NODE_ENV=production unless set. */
  introspection: boolean;
  fieldSuggestions: boolean;
  /** pino level of the gateway's JSON log. */
  logLevel: LogLevel;
  /**
   * Whether a caller without `Authorization` is served (with `OPENMETADATA_TOKEN` when set, else with no
   * credential); when false such a request is UNAUTHENTICATED before any upstream call.
   */
  anonymousAccess: boolean;
  /** How long a graceful shutdown waits for in-flight operations before closing their connections. */
  shutdownTimeoutMs: number;
  /** Browser origins allowed to call the gateway cross-origin (src/security/cors.ts); empty: same-origin only. */
  corsOrigins: readonly string[];
  /** GraphQL subscriptions over graphql-ws (src/subscription/). */
  subscriptions: SubscriptionConfig;
}

/** How subscriptions poll and how many may be open. */
export interface SubscriptionConfig {
  /** How often one watched deployment is read from WML, in milliseconds. */
  pollMs: number;
  /** The most operations one WebSocket connection may have open. */
  maxPerConnection: number;
  /** The most subscriptions open on the whole gateway. */
  max: number;
}

/** The limits on one GraphQL document. */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxDirectives: number;
  /** Levels of objects and lists one `JSON` argument value may nest (src/security/json-limits.ts). */
  maxJsonDepth: number;
  /** Values (objects, lists, scalars) one `JSON` argument value may hold. */
  maxJsonValues: number;
  /** The size the cost limit gives a list field without a `first`/`last` argument or a declared cap. */
  defaultListSize: number;
}

/** The log levels LOG_LEVEL accepts. */
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Thrown for a bad configuration value; the message names the variable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

type Env = Record<string, string | undefined>;

/** Reads and validates the whole configuration from an environment (default `process.env`). */
export function loadConfig(env: Env = process.env): Config {
  const wmlToken = optional(env, "WML_TOKEN");
  const wmlApiKey = optional(env, "WML_API_KEY");
  if (wmlToken && wmlApiKey) throw new ConfigError("set only one of WML_TOKEN and WML_API_KEY, not both");
  const production = env.NODE_ENV === "production";
  const wmlUrl = url(env, "WML_URL");
  const wmlSpaceId = optional(env, "WML_SPACE_ID");
  if (wmlUrl && !wmlSpaceId) throw new ConfigError("WML_SPACE_ID is required when WML_URL is set: the id of the deployment space the gateway reads by default");
  return {
    port: integer(env, "PORT", 4000, 0, 65535),
    host: optional(env, "HOST") ?? "127.0.0.1",
    openmetadata: {
      url: url(env, "OPENMETADATA_URL"),
      token: optional(env, "OPENMETADATA_TOKEN"),
    },
    wml: {
      url: wmlUrl,
      token: wmlToken,
      apiKey: wmlApiKey,
      iamUrl: url(env, "WML_IAM_URL") ?? "https://iam.cloud.ibm.com",
      apiVersion: apiVersion(env),
      spaceId: wmlSpaceId,
    },
    localCatalog: loadLocalCatalogConfig(env),
    upstreamTimeoutMs: integer(env, "UPSTREAM_TIMEOUT_MS", 10_000, 1, 600_000),
    upstreamRetry: {
      retries: integer(env, "UPSTREAM_RETRIES", DEFAULT_RETRY_POLICY.retries, 0, 10),
      baseDelayMs: integer(env, "UPSTREAM_RETRY_BASE_MS", DEFAULT_RETRY_POLICY.baseDelayMs, 0, 60_000),
      maxDelayMs: integer(env, "UPSTREAM_RETRY_MAX_DELAY_MS", DEFAULT_RETRY_POLICY.maxDelayMs, 0, 600_000),
    },
    limits: {
      maxDepth: integer(env, "MAX_DEPTH", 12, 1, 1000),
      maxAliases: integer(env, "MAX_ALIASES", 30, 0, 10_000),
      maxTokens: integer(env, "MAX_TOKENS", 5000, 10, 1_000_000),
      maxCost: integer(env, "MAX_COST", 10_000, 1, 10_000_000),
      maxDirectives: integer(env, "MAX_DIRECTIVES", 50, 0, 10_000),
      maxJsonDepth: integer(env, "MAX_JSON_DEPTH", 32, 1, 1000),
      maxJsonValues: integer(env, "MAX_JSON_VALUES", 10_000, 1, 1_000_000),
      defaultListSize: integer(env, "DEFAULT_LIST_SIZE", 100, 1, 100_000),
    },
    introspection: boolean(env, "INTROSPECTION", !production),
    fieldSuggestions: boolean(env, "FIELD_SUGGESTIONS", !production),
    anonymousAccess: boolean(env, "ANONYMOUS_ACCESS", true),
    logLevel: logLevel(env),
    shutdownTimeoutMs: integer(env, "SHUTDOWN_TIMEOUT_MS", 10_000, 0, 600_000),
    corsOrigins: corsOrigins(env),
    subscriptions: {
      pollMs: integer(env, "SUBSCRIPTION_POLL_MS", 2000, 10, 600_000),
      maxPerConnection: integer(env, "MAX_SUBSCRIPTIONS_PER_CONNECTION", 20, 1, 10_000),
      max: integer(env, "MAX_SUBSCRIPTIONS", 1000, 1, 1_000_000),
    },
  };
}

function corsOrigins(env: Env): string[] {
  try {
    return parseCorsOrigins(optional(env, "CORS_ORIGINS"));
  } catch (error) {
    throw new ConfigError(`CORS_ORIGINS: ${(error as Error).message}`);
  }
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (raw === "true" || raw === "1") return true;
  if (raw === "false" || raw === "0") return false;
  throw new ConfigError(`expected true or false for ${name}, got ${JSON.stringify(raw)}`);
}

function logLevel(env: Env): LogLevel {
  const raw = optional(env, "LOG_LEVEL") ?? "info";
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new ConfigError(`expected one of ${LOG_LEVELS.join(", ")} for LOG_LEVEL, got ${JSON.stringify(raw)}`);
  return raw as LogLevel;
}

/** The local catalog's own settings (also used when it runs alone, `npm run local-catalog`). */
export function loadLocalCatalogConfig(env: Env = process.env): LocalCatalogConfig {
  return {
    port: integer(env, "LOCAL_CATALOG_PORT", 8585, 0, 65535),
    dataFile: optional(env, "LOCAL_CATALOG_DATA") ?? ".data/catalog.db",
  };
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`expected an integer for ${name}, got ${JSON.stringify(raw)}`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`expected ${name} between ${min} and ${max}, got ${value}`);
  return value;
}

function url(env: Env, name: string): string | undefined {
  const raw = optional(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`expected an http(s) URL for ${name}, got ${JSON.stringify(raw)}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new ConfigError(`expected an http(s) URL for ${name}, got ${JSON.stringify(raw)}`);
  }
  if (parsed.username || parsed.password) {
    throw new ConfigError(`${name} must not carry credentials in the URL; use the token variables`);
  }
  return raw.replace(/\/+$/, "");
}

function apiVersion(env: Env): string {
  const raw = optional(env, "WML_API_VERSION");
  if (raw === undefined) return DEFAULT_WML_API_VERSION;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const date = match ? new Date(`${raw}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw) {
    throw new ConfigError(`expected a date YYYY-MM-DD for WML_API_VERSION, got ${JSON.stringify(raw)}`);
  }
  return raw;
}
