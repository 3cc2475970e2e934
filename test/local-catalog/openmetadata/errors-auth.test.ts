import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { SAMPLE_ML_SERVICES, SAMPLE_PIPELINE_SERVICES, SAMPLE_SECRETS } from "../../../src/local-catalog/openmetadata/sample-data.js";
import { ML, PIPE, mlflowRequest, startTestCatalog, type TestCatalog } from "./helpers.js";

let t: TestCatalog;
beforeAll(async () => {
  t = await startTestCatalog({ tokens: { "carol-jwt": "carol" }, deniedUsers: ["bob"] });
});
afterAll(async () => {
  await t.close();
});

const FIVETRAN = SAMPLE_PIPELINE_SERVICES.fivetranProd;

describe("§4.3 exact message texts", () => {
  test("§4.3: name too long / empty → [name size must be between 1 and 256]", async () => {
    const long = await t.call("POST", ML, { body: { name: "x".repeat(257), serviceType: "Sklearn" } });
    expect(long.json).toEqual({ code: 400, message: "[name size must be between 1 and 256]" });
    expect((await t.call("POST", ML, { body: { name: "", serviceType: "Sklearn" } })).json.message).toBe("[name size must be between 1 and 256]");
    expect((await t.call("POST", ML, { body: { name: "x".repeat(256), serviceType: "Sklearn" } })).status).toBe(201);
  });

  test('§4.3: a name containing :: → [name must match "^((?!::).)*$"]', async () => {
    const answer = await t.call("POST", ML, { body: { name: "a::b", serviceType: "Sklearn" } });
    expect(answer.json).toEqual({ code: 400, message: '[name must match "^((?!::).)*$"]' });
  });

  test("§4.3: a missing required create field → [serviceType must not be null]", async () => {
    expect((await t.call("POST", ML, { body: { name: "no_type" } })).json).toEqual({ code: 400, message: "[serviceType must not be null]" });
    expect((await t.call("POST", ML, { body: { serviceType: "Sklearn" } })).json.message).toBe("[name must not be null]");
  });

  test("§4.3: referenced user/team/tag/domain missing → 404 <type> instance for <id|fqn> not found", async () => {
    const missing = "00000000-0000-4000-8000-000000000999";
    const user = await t.call("POST", ML, { body: { name: "r1", serviceType: "Sklearn", owners: [{ id: missing, type: "user" }] } });
    expect(user.json).toEqual({ code: 404, message: `user instance for ${missing} not found` });
    const team = await t.call("POST", ML, { body: { name: "r1", serviceType: "Sklearn", owners: [{ id: missing, type: "team" }] } });
    expect(team.json.message).toBe(`team instance for ${missing} not found`);
    const tag = await t.call("POST", ML, { body: { name: "r1", serviceType: "Sklearn", tags: [{ tagFQN: "PII.Foo" }] } });
    expect(tag.json).toEqual({ code: 404, message: "tag instance for PII.Foo not found" });
    const domain = await t.call("POST", ML, { body: { name: "r1", serviceType: "Sklearn", domains: ["Nowhere"] } });
    expect(domain.json).toEqual({ code: 404, message: "domain instance for Nowhere not found" });
  });

  test("§4.2: an unknown property or a wrong type → 400 Invalid request format; malformed JSON → Unable to process JSON", async () => {
    expect((await t.call("POST", ML, { body: { name: "bad", serviceType: "Sklearn", colour: "red" } })).json.message).toBe("Invalid request format");
    expect((await t.call("POST", ML, { body: { name: 7, serviceType: "Sklearn" } })).json.message).toBe("Invalid request format");
    expect((await t.call("POST", ML, { body: { name: "bad", serviceType: "Airflow" } })).json.message).toBe("Invalid request format");
    expect((await t.call("POST", ML, { raw: "{not json" })).json).toEqual({ code: 400, message: "Unable to process JSON" });
  });

  test("§4.1: 401/403/404/409/412 carry WWW-Authenticate: om-auth; 400 does not", async () => {
    expect((await t.call("GET", `${ML}/${"0".repeat(8)}-0000-4000-8000-000000000000`)).headers.get("www-authenticate")).toBe("om-auth");
    expect((await t.call("GET", ML, { token: null })).headers.get("www-authenticate")).toBe("om-auth");
    expect((await t.call("POST", ML, { body: mlflowRequest("mlflow_svc") })).headers.get("www-authenticate")).toBe("om-auth");
    expect((await t.call("GET", `${ML}?fields=foo`)).headers.get("www-authenticate")).toBeNull();
  });

  test("§4.1: with errorType on, error bodies carry {code, errorType, message}", async () => {
    const other = await startTestCatalog({ errorType: true });
    try {
      const answer = await other.call("GET", `${ML}/name/nope`);
      expect(answer.json).toEqual({ code: 404, errorType: "ENTITY_NOT_FOUND", message: "mlmodelService instance for nope not found" });
    } finally {
      await other.close();
    }
  });

  test("§3.13: with bulk off, PUT …/bulk answers like a missing Jersey route (405)", async () => {
    const other = await startTestCatalog({ bulk: false });
    try {
      const answer = await other.call("PUT", `${ML}/bulk`, { body: [] });
      expect(answer.status).toBe(405);
      expect(answer.json).toEqual({ code: 405, message: "HTTP 405 Method Not Allowed" });
    } finally {
      await other.close();
    }
  });
});

describe("§9 authentication and authorization", () => {
  test("§9: no Authorization header → 401 Not Authorized! Token not present", async () => {
    const answer = await t.call("GET", ML, { token: null });
    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ code: 401, message: "Not Authorized! Token not present" });
    expect((await t.call("GET", ML, { token: null, headers: { authorization: "Bearer " } })).json.message).toBe("Not Authorized! Token not present");
    expect((await t.call("GET", ML, { token: null, headers: { authorization: "Basic abc" } })).status).toBe(401);
  });

  test("§9: an expired token → 401 Expired token!", async () => {
    expect((await t.call("GET", ML, { token: "expired-token" })).json).toEqual({ code: 401, message: "Expired token!" });
    const payload = Buffer.from(JSON.stringify({ sub: "alice", exp: 1 })).toString("base64url");
    expect((await t.call("GET", ML, { token: `e30.${payload}.sig` })).json.message).toBe("Expired token!");
  });

  test("§9: an invalid token → 401 Invalid token", async () => {
    expect((await t.call("GET", ML, { token: "invalid-token" })).json).toEqual({ code: 401, message: "Invalid token" });
  });

  test("§9: tokens map to users: a user name, the tokens option, a JWT subject, else admin", async () => {
    const who = async (token: string) => (await t.call("POST", ML, { body: mlflowRequest(`who_${token.length}_${Date.now()}`), token })).json.updatedBy;
    expect(await who("alice")).toBe("alice");
    expect(await who("carol-jwt")).toBe("carol");
    const payload = Buffer.from(JSON.stringify({ sub: "alice", exp: 4_102_444_800 })).toString("base64url");
    expect(await who(`e30.${payload}.sig`)).toBe("alice");
    expect(await who("some-opaque-token")).toBe("admin");
  });

  test("§9: a denied user's write → 403 Principal: CatalogPrincipal{name='bob'} operations [EditAll] not allowed", async () => {
    const answer = await t.call("PATCH", `${ML}/${SAMPLE_ML_SERVICES.mlflowSvc.id}`, { body: [], token: "bob" });
    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ code: 403, message: "Principal: CatalogPrincipal{name='bob'} operations [EditAll] not allowed" });
    expect(answer.headers.get("www-authenticate")).toBe("om-auth");
    expect((await t.call("POST", ML, { body: mlflowRequest("bob_create"), token: "bob" })).json.message).toContain("operations [Create]");
    expect((await t.call("DELETE", `${ML}/${SAMPLE_ML_SERVICES.mlflowSvc.id}`, { token: "bob" })).json.message).toContain("operations [Delete]");
    expect((await t.call("GET", `${ML}/${SAMPLE_ML_SERVICES.mlflowSvc.id}`, { token: "bob" })).status).toBe(200);
  });
});

describe("§1.3 secret masking", () => {
  test("§1.3: non-bots see secrets as *********, bots see them decrypted", async () => {
    const human = await t.call("GET", `${PIPE}/${FIVETRAN.id}`, { token: "alice" });
    expect(human.json.connection.config.apiSecret).toBe("*********");
    expect(human.json.connection.config.apiKey).toBe("abc123");
    const bot = await t.call("GET", `${PIPE}/${FIVETRAN.id}`, { token: "ingestion-bot" });
    expect(bot.json.connection.config.apiSecret).toBe(SAMPLE_SECRETS.fivetranApiSecret);
    const nested = await t.call("GET", `${ML}/${SAMPLE_ML_SERVICES.sagemakerProd.id}`);
    expect(nested.json.connection.config.awsConfig.awsSecretAccessKey).toBe("*********");
    const list = await t.call("GET", `${PIPE}?limit=100`);
    const nifi = list.json.data.find((s: { name: string }) => s.name === "nifi_flows");
    expect(nifi.connection.config.nifiConfig.password).toBe("*********");
  });

  test("§1.3: botUsers makes other users bots", async () => {
    const other = await startTestCatalog({ botUsers: ["carol"] });
    try {
      const answer = await other.call("GET", `${PIPE}/${FIVETRAN.id}`, { token: "carol" });
      expect(answer.json.connection.config.apiSecret).toBe(SAMPLE_SECRETS.fivetranApiSecret);
    } finally {
      await other.close();
    }
  });

  test("§1.3: PUT round-trips a masked body: the mask is replaced by the stored secret (no change)", async () => {
    const masked = await t.call("GET", `${PIPE}/${FIVETRAN.id}`, { token: "alice" });
    const { name, serviceType, description, connection } = masked.json;
    const answer = await t.call("PUT", PIPE, { body: { name, serviceType, description, connection }, token: "alice" });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-openmetadata-change")).toBe("entityNoChange");
    const bot = await t.call("GET", `${PIPE}/${FIVETRAN.id}`, { token: "ingestion-bot" });
    expect(bot.json.connection.config.apiSecret).toBe(SAMPLE_SECRETS.fivetranApiSecret);
  });

  test("§1.3: PATCH on a masked document keeps the stored secret; a real new secret replaces it", async () => {
    const created = await t.call("POST", PIPE, { body: { name: "mask_patch", serviceType: "Dagster", connection: { config: { host: "http://d", token: "t1" } } } });
    const id = created.json.id;
    const kept = await t.call("PATCH", `${PIPE}/${id}`, { body: [{ op: "replace", path: "/connection/config/host", value: "http://e" }] });
    expect(kept.json.connection.config.token).toBe("*********");
    expect((await t.call("GET", `${PIPE}/${id}`, { token: "ingestion-bot" })).json.connection.config.token).toBe("t1");
    await t.call("PATCH", `${PIPE}/${id}`, { body: [{ op: "replace", path: "/connection/config/token", value: "t2" }] });
    expect((await t.call("GET", `${PIPE}/${id}`, { token: "ingestion-bot" })).json.connection.config.token).toBe("t2");
  });

  test("§7.3: a mask with no stored secret behind it → 400 Failed to unmask connection instance of <Type>", async () => {
    const answer = await t.call("POST", PIPE, { body: { name: "mask_none", serviceType: "Dagster", connection: { config: { host: "http://d", token: "*********" } } } });
    expect(answer.json).toEqual({ code: 400, message: "Failed to unmask connection instance of Dagster" });
  });

  test("§1.3: secrets never appear in history (connection placeholders, masked snapshots)", async () => {
    const versions = await t.call("GET", `${ML}/${SAMPLE_ML_SERVICES.sagemakerProd.id}/versions`);
    expect(versions.text).not.toContain(SAMPLE_SECRETS.sagemakerSecretKey);
    expect(versions.text).toContain("old-encrypted-value");
  });

  test("§1.3: maskSecrets false behaves like a server without authorizer", async () => {
    const other = await startTestCatalog({ maskSecrets: false });
    try {
      expect((await other.call("GET", `${PIPE}/${FIVETRAN.id}`)).json.connection.config.apiSecret).toBe(SAMPLE_SECRETS.fivetranApiSecret);
    } finally {
      await other.close();
    }
  });
});
