import { ApolloServer } from "@apollo/server";
import { createFormatError, GatewayError, UpstreamError } from "../../src/errors.js";
import type { Context } from "../../src/context.js";
import { createLogger, flushLogger } from "../../src/observability/logger.js";
import { createMetrics } from "../../src/observability/metrics.js";
import { requestLogPlugin } from "../../src/observability/request-log.js";
import { captureLog } from "../helpers/log-capture.js";

// The gateway's own error translation and request log, around a schema whose resolvers fail in each way
// a resolver can: a programming fault, a gateway error, an upstream error.
const typeDefs = `type Query { crash: String  refuse: String  upstream: String }`;
const resolvers = {
  Query: {
    crash: () => {
      const cause = new RangeError("the inner detail 5f3a");
      throw new TypeError("cannot read properties of undefined (reading 'config') 9c1e", { cause });
    },
    refuse: () => {
      throw new GatewayError("BAD_USER_INPUT", "name: must not be empty", { field: "name" });
    },
    upstream: () => {
      throw new UpstreamError("UPSTREAM_ERROR", "openmetadata", 500, { message: "boom" }, "openmetadata answered 500: boom");
    },
  },
};

async function run(query: string) {
  const log = captureLog();
  const logger = createLogger({ level: "info", secrets: () => [], destination: log.stream });
  const server = new ApolloServer<Context>({
    typeDefs,
    resolvers,
    formatError: createFormatError(() => []),
    plugins: [requestLogPlugin(logger, createMetrics({ defaults: false }))],
  });
  await server.start();
  try {
    const context = { requestId: "req-4711", calls: { upstream: 0 } } as Context;
    const response = await server.executeOperation({ query }, { contextValue: context });
    await new Promise((resolve) => setImmediate(resolve));
    await flushLogger(logger);
    const body = response.body.kind === "single" ? response.body.singleResult : undefined;
    return { body, lines: log.lines() };
  } finally {
    await server.stop();
  }
}

test("a fault inside the gateway is INTERNAL_SERVER_ERROR with a generic message; its cause and stack are logged", async () => {
  const { body, lines } = await run("{ crash }");
  expect(body?.errors).toHaveLength(1);
  const [error] = body!.errors!;
  expect(error.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: "req-4711" });
  expect(error.message).toMatch(/^internal error/);
  expect(JSON.stringify(body)).not.toMatch(/9c1e|5f3a|TypeError|at /);
  const line = lines.find((l) => l.msg === "operation");
  expect(line).toMatchObject({ requestId: "req-4711", errors: [{ code: "INTERNAL_SERVER_ERROR" }] });
  expect(line?.faults).toHaveLength(1);
  expect(line?.faults[0]).toMatchObject({ name: "TypeError", message: expect.stringContaining("9c1e"), cause: { name: "RangeError", message: "the inner detail 5f3a" } });
  expect(line?.faults[0].stack).toMatch(/TypeError: .*9c1e\n\s+at /);
});

test("coded errors keep their code, gain the request id, and log no fault", async () => {
  const { body, lines } = await run("{ refuse upstream }");
  expect(body?.errors?.map((e) => e.extensions)).toEqual([
    { field: "name", code: "BAD_USER_INPUT", requestId: "req-4711" },
    expect.objectContaining({ code: "UPSTREAM_ERROR", requestId: "req-4711", upstream: expect.objectContaining({ status: 500 }) }),
  ]);
  expect(lines.find((l) => l.msg === "operation")?.faults).toBeUndefined();
});
