import { SAMPLE_SECRETS } from "../../src/local-catalog/openmetadata/sample-data.js";
import { captureLog, type LogCapture } from "../helpers/log-capture.js";
import { startStack, type Stack } from "../helpers/stack.js";

/**
 * No secret leaves the gateway, whichever token served it: here every call goes upstream with the
 * ingestion bot's token (OPENMETADATA_TOKEN, no caller Authorization), to which the catalog answers
 * connections in clear.
 */
describe("secrets never leave the gateway", () => {
  let stack: Stack;
  let log: LogCapture;
  const NEW_SECRETS = ["new-secret-dry-run", "new-secret-update", "new-secret-patch", "new-secret-array", "new-secret-key-file", "new-secret-patch-obj"];
  const ALL = [...Object.values(SAMPLE_SECRETS), ...NEW_SECRETS];

  beforeAll(async () => {
    log = captureLog();
    stack = await startStack({ env: { OPENMETADATA_TOKEN: "ingestion-bot", LOG_LEVEL: "info" }, app: { logDestination: log.stream } });
  });
  afterAll(() => stack.close());

  function expectNoSecret(text: string) {
    for (const secret of ALL) expect(text).not.toContain(secret);
  }

  const SERVICE = `id name connection version changeDescription { fieldsAdded { name oldValue newValue } fieldsUpdated { name oldValue newValue } fieldsDeleted { name oldValue newValue } }`;

  test("the catalog does answer the bot in clear (the premise)", async () => {
    const response = await fetch(`${stack.catalog.url}/api/v1/services/pipelineServices/name/airbyte_local`, { headers: { authorization: "Bearer ingestion-bot" } });
    expect(await response.text()).toContain(SAMPLE_SECRETS.airbytePassword);
  });

  test("reads, lists, versions and atVersion mask every secret", async () => {
    const answer = await stack.query(`{
      pipelineServices(first: 10) { nodes { ${SERVICE} versions(first: 3) { ${SERVICE} } atVersion(version: 0.1) { ${SERVICE} } } }
      mlModelServices(first: 10) { nodes { ${SERVICE} versions(first: 3) { ${SERVICE} } } }
    }`);
    expect(answer.errors).toBeUndefined();
    const text = JSON.stringify(answer);
    expectNoSecret(text);
    expect(text).toContain("*********");
    const airbyte = answer.data.pipelineServices.nodes.find((s: { name: string }) => s.name === "airbyte_local");
    expect(airbyte.connection).toMatchObject({ password: "*********", username: "airbyte" });
  });

  test("update (dry run and sent), patch echoes and the change descriptions after them mask the new secret", async () => {
    const dry = await stack.query(`mutation { updatePipelineService(fullyQualifiedName: "airbyte_local", input: { connection: { password: "new-secret-dry-run" } }, dryRun: true) { patch { op path value } pipelineService { ${SERVICE} } } }`);
    expect(dry.errors).toBeUndefined();
    expect(dry.data.updatePipelineService.patch).toEqual([{ op: "replace", path: "/connection/config/password", value: "*********" }]);
    const sent = await stack.query(`mutation { updatePipelineService(fullyQualifiedName: "airbyte_local", input: { connection: { password: "new-secret-update" } }) { patch { op path value } pipelineService { ${SERVICE} } } }`);
    expect(sent.errors).toBeUndefined();
    const upstreamBody = stack.upstream("/pipelineServices/").find((r) => r.method === "PATCH")?.body ?? "";
    expect(upstreamBody).toContain("new-secret-update");
    const patched = await stack.query(`mutation {
      a: patchPipelineService(fullyQualifiedName: "airbyte_local", operations: [{ op: "replace", path: "/connection/config/password", value: "new-secret-patch" }]) { patch { op path value } pipelineService { ${SERVICE} } }
      b: patchPipelineService(fullyQualifiedName: "nifi_flows", operations: [{ op: "replace", path: "/connection/config/nifiConfig", value: { username: "nifi", password: "new-secret-patch-obj" } }]) { patch { op path value } }
    }`);
    expect(patched.errors).toBeUndefined();
    expect(patched.data.b.patch[0].value).toEqual({ username: "nifi", password: "*********" });
    const history = await stack.query(`{ pipelineService(fullyQualifiedName: "airbyte_local") { versions { ${SERVICE} } } }`);
    expectNoSecret(JSON.stringify([dry, sent, patched, history]));
  });

  test("a secret of the wrong type is printed neither in the error nor in the log", async () => {
    const keyFile = "-----BEGIN PRIVATE KEY-----\nnew-secret-key-file\n-----END PRIVATE KEY-----";
    const answers = [
      await stack.query(`mutation($c: JSON) { updatePipelineService(fullyQualifiedName: "airbyte_local", input: { connection: $c }) { changed } }`, { c: { password: ["new-secret-array"] } }),
      await stack.query(`mutation($c: JSON) { updatePipelineService(fullyQualifiedName: "nifi_flows", input: { connection: $c }) { changed } }`, { c: { nifiConfig: keyFile } }),
      await stack.query(`mutation($c: JSON) { updatePipelineService(fullyQualifiedName: "glue_etl", input: { connection: $c }) { changed } }`, { c: { awsConfig: { awsSecretAccessKey: 1234567890123 } } }),
      await stack.query(`mutation($v: JSON) { patchPipelineService(fullyQualifiedName: "nifi_flows", operations: [{ op: "replace", path: "/connection/config/nifiConfig", value: $v }]) { changed } }`, { v: keyFile }),
    ];
    for (const answer of answers) expect(answer.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const text = JSON.stringify(answers);
    expectNoSecret(text);
    expect(text).not.toContain("1234567890123");
    expectNoSecret(log.text());
    expect(log.text()).not.toContain("1234567890123");
  });
});
