import { createLogger, flushLogger } from "../../src/observability/logger.js";
import { captureLog } from "../helpers/log-capture.js";

async function logged(record: Record<string, unknown>, message = "validation failed") {
  const log = captureLog();
  const logger = createLogger({ level: "info", secrets: () => ["configured-secret-value"], destination: log.stream });
  logger.info(record, message);
  await flushLogger(logger);
  return { line: log.lines()[0], text: log.text() };
}

test("values under secret-named keys are masked whatever their type and depth", async () => {
  const pastedKeyFile = { type: "service_account", private_key: "-----BEGIN PRIVATE KEY-----\nMIIEvQ-key-body\n-----END PRIVATE KEY-----\n" };
  const { line, text } = await logged({
    input: {
      connection: {
        config: {
          password: 12345678,
          dbPassword: ["hunter2-in-a-list"],
          awsConfig: { awsSecretAccessKey: "wJalrXUtnFEMI-aws", awsAccessKeyId: "AKIA-public-id" },
          credentials: pastedKeyFile,
          privateKey: "pk-as-a-string",
          apiKey: { nested: "apikey-in-object" },
          token: true,
          gcpConfig: { securityConfig: { gcpCredentials: { gcpConfig: { privateKeyId: "pkid-deep", clientEmail: "a@b.c" } } } },
        },
      },
    },
  });
  for (const secret of ["12345678", "hunter2-in-a-list", "wJalrXUtnFEMI-aws", "MIIEvQ-key-body", "pk-as-a-string", "apikey-in-object", "pkid-deep"]) {
    expect(text).not.toContain(secret);
  }
  const config = line.input.connection.config;
  expect(config.password).toBe("[redacted]");
  expect(config.credentials).toBe("[redacted]");
  expect(config.awsConfig.awsAccessKeyId).toBe("AKIA-public-id");
  expect(config.gcpConfig.securityConfig.gcpCredentials).toBe("[redacted]");
});

test("nothing deeper than the walk is written unscrubbed", async () => {
  let deep: Record<string, unknown> = { note: "Bearer abcdefgh.ijklmnop" };
  for (let i = 0; i < 20; i++) deep = { level: deep };
  const { text } = await logged({ deep });
  expect(text).not.toContain("abcdefgh.ijklmnop");
});

test("secrets in messages: quoted values after secret-named keys and the configured secrets", async () => {
  const { text } = await logged({ errors: [{ message: 'input.connection: connection.config.credentials must be an object for VertexAI, got "-----BEGIN PRIVATE KEY----- MIIE secret body"' }, { message: "input.connection: connection.config.password must be a string for Mysql, got {\"value\":\"MIIE secret body\"}" }] }, "configured-secret-value leaked?");
  expect(text).not.toMatch(/MIIE secret body|configured-secret-value/);
});
