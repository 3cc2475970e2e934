import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { ErrorCode } from "../errors.js";

/**
 * Refuses a subscription sent over HTTP with a 400 that says where subscriptions are served, instead
 * of running it once as if it were a query. One shared listener.
 */
export function subscriptionsOverHttpPlugin(path: string): ApolloServerPlugin {
  const message = `subscriptions are served over WebSocket (the graphql-ws protocol) at ${path}, not over HTTP`;
  return {
    requestDidStart: async () => ({
      async didResolveOperation({ operation }) {
        if (operation?.operation === "subscription") throw new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } } });
      },
    }),
  };
}
