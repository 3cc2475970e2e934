import type { ApolloServerPlugin, GraphQLRequestListener } from "@apollo/server";
import type { Context } from "../context.js";

/** The credential inside an `Authorization` value (`Bearer x` → `x`); too short a value is not scrubbed. */
export function credentialOf(authorization: string | undefined): string | undefined {
  const credential = authorization?.replace(/^\s*(Bearer|Basic)\s+/i, "").trim();
  return credential && credential.length >= 8 ? credential : undefined;
}

/** Replaces every occurrence of `secret` in a JSON-shaped value (error messages, extensions). */
export function scrub<T>(value: T, secret: string): T {
  const text = JSON.stringify(value);
  const escaped = JSON.stringify(secret).slice(1, -1);
  return text.includes(escaped) ? (JSON.parse(text.split(escaped).join("[redacted]")) as T) : value;
}

const listener: GraphQLRequestListener<Context> = {
  async willSendResponse({ response, contextValue }) {
    const body = response.body.kind === "single" ? response.body.singleResult : response.body.initialResult;
    if (!body.errors) return;
    const secret = credentialOf(contextValue.openmetadata.scope.headers?.authorization);
    if (secret) body.errors = body.errors.map((error) => scrub(error, secret));
  },
};

/**
 * Scrubs the caller's own credential from every error of its response, however an upstream echoed it
 * (`formatError` knows the gateway's secrets but not the caller's). Registered before the request log,
 * so the log line reads the scrubbed errors too. One shared listener: no work per request without errors.
 */
export function callerCredentialPlugin(): ApolloServerPlugin<Context> {
  return { requestDidStart: async () => listener };
}
