import type { Resolvers, SubscriptionDeploymentChangedArgs } from "../../__generated__/resolvers-types.js";
import { idArgument } from "../../security/ids.js";
import type { Context } from "../../context.js";
import { badInput } from "../../errors.js";
import type { DeploymentResource } from "../deployment/resource.js";
import { spaceArg } from "../space.js";
import type { DeploymentEvent } from "./watches.js";

/**
 * `deploymentChanged`: a stream from the gateway's shared poller of that deployment. A failure arrives
 * as an event and is thrown by `resolve`, so that it reaches the subscriber as a formatted GraphQL error
 * (with its code) just before the stream completes, rather than as a protocol error.
 */
export const deploymentChangedResolvers: Resolvers = {
  Subscription: {
    deploymentChanged: {
      subscribe: (_parent: unknown, args: SubscriptionDeploymentChangedArgs, ctx: Context) => {
        idArgument("id", args.id);
        if (args.spaceId !== undefined && args.spaceId !== null && args.spaceId.trim() === "") throw badInput("spaceId", "must not be empty");
        return ctx.wml.watches.watch(spaceArg(ctx, args.spaceId), args.id, { untilSettled: args.untilSettled ?? false });
      },
      resolve: (event: DeploymentEvent): DeploymentResource => {
        if ("error" in event) throw event.error;
        return event.deployment;
      },
    },
  },
};
