import type { ApolloServerPlugin, GraphQLRequestListener } from "@apollo/server";
import { Kind, type DocumentNode, type OperationDefinitionNode } from "graphql";
import type { Logger } from "pino";
import type { Context } from "../context.js";
import { isInternalFault } from "../errors.js";
import type { Metrics, OperationOutcome } from "./metrics.js";

/** The most errors one log line lists (a response can carry thousands). */
const MAX_LOGGED_ERRORS = 5;

/** The most internal faults one log line describes with their stacks. */
const MAX_LOGGED_FAULTS = 3;

/** What the log keeps of a fault inside the gateway: its class, message, stack and cause, never the answer's. */
function describeFault(error: unknown, depth = 0): Record<string, unknown> {
  const original = (error as { originalError?: unknown }).originalError ?? error;
  if (!(original instanceof Error)) return { message: String(original) };
  const fault: Record<string, unknown> = { name: original.name, message: original.message, stack: original.stack };
  if (original.cause !== undefined && depth < 2) fault.cause = describeFault(original.cause, depth + 1);
  return fault;
}

/** The document's only operation, when a request failed validation before Apollo resolved it. */
function soleOperation(document: DocumentNode | undefined): OperationDefinitionNode | undefined {
  const operations = document?.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operations?.length === 1 ? operations[0] : undefined;
}

/**
 * One JSON log line and one metrics sample per GraphQL operation: name, type, outcome, duration,
 * upstream call count and request id. Every error of the answer carries that request id
 * (`extensions.requestId`), and the line describes each fault inside the gateway (`faults`: class,
 * message, stack, cause), which the answer never shows. Built once per server; each request gets one
 * small listener.
 */
export function requestLogPlugin(logger: Logger, metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<Context>> {
      const started = performance.now();
      let faults: Array<Record<string, unknown>> | undefined;
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (!isInternalFault(error)) continue;
            faults ??= [];
            if (faults.length < MAX_LOGGED_FAULTS) faults.push(describeFault(error));
          }
        },
        async willSendResponse({ response, contextValue, operationName, operation, request, document }) {
          const seconds = (performance.now() - started) / 1000;
          const body = response.body.kind === "single" ? response.body.singleResult : response.body.initialResult;
          if (body.errors) body.errors = body.errors.map((error) => ({ ...error, extensions: { ...error.extensions, requestId: contextValue.requestId } }));
          const errors = body.errors ?? [];
          const outcome: OperationOutcome = errors.length === 0 ? "ok" : body.data ? "partial" : "error";
          const named = operation ?? (operationName || request.operationName ? undefined : soleOperation(document));
          const name = operationName ?? request.operationName ?? named?.name?.value ?? "anonymous";
          const type = named?.operation ?? "unknown";
          metrics.observeOperation(name, type, outcome, seconds);
          const line: Record<string, unknown> = {
            requestId: contextValue.requestId,
            operation: name,
            type,
            outcome,
            durationMs: Math.round(seconds * 1e6) / 1e3,
            upstreamCalls: contextValue.calls.upstream,
          };
          if (contextValue.calls.conflictRetries > 0) line.conflictRetries = contextValue.calls.conflictRetries;
          if (errors.length > 0) {
            line.errors = errors.slice(0, MAX_LOGGED_ERRORS).map((error) => ({ code: error.extensions?.code, message: error.message, path: error.path }));
            line.errorCount = errors.length;
          }
          if (faults) line.faults = faults;
          // Written once the response is on its way: serializing and scrubbing the line is not the caller's wait.
          setImmediate(() => logger.info(line, "operation"));
        },
      };
    },
  };
}
