import { Writable } from "node:stream";
import { flushLogger, createLogger } from "../../../src/observability/logger.js";
import { terminalDestination } from "../../../src/observability/log-destination.js";

/** A stand-in for process.stdout that keeps what is written; `isTTY` says whether it is a terminal. */
function fakeStdout(isTTY: boolean | undefined) {
  const chunks: string[] = [];
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => chunks.join("").replace(/\u001b\[[0-9;]*m/g, "") };
}

const SECRET = "s3cret-token-value-42";

test("on a terminal the log is readable lines: time, level, message, details; secrets still scrubbed", async () => {
  const stdout = fakeStdout(true);
  const destination = terminalDestination(stdout.stream);
  expect(destination).toBeDefined();
  const logger = createLogger({ level: "info", secrets: () => [SECRET], destination });
  logger.info({ graphiql: "http://127.0.0.1:4000/graphql", token: "abc", note: `uses ${SECRET}` }, "catalog-gateway listening");
  logger.debug("below the level");
  await flushLogger(logger);
  const lines = stdout.text().trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: catalog-gateway listening \{/);
  expect(lines[0]).toContain('"graphiql":"http://127.0.0.1:4000/graphql"');
  expect(lines[0]).toContain('"token":"[redacted]"');
  expect(lines[0]).not.toContain(SECRET);
  expect(() => JSON.parse(lines[0])).toThrow();
});

test.each([false, undefined])("when stdout is not a terminal (isTTY %s) the JSON log is kept", (isTTY) => {
  expect(terminalDestination(fakeStdout(isTTY).stream)).toBeUndefined();
});
