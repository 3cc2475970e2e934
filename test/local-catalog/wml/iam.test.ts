import { APIKEY_GRANT_TYPE, countTokenExchanges, SAMPLE_API_KEY } from "../../../src/local-catalog/wml/iam.js";
import { startWml, type WmlHarness } from "./wml-client.js";

let wml: WmlHarness;
beforeAll(async () => {
  wml = await startWml({ apiKeys: [SAMPLE_API_KEY, "second-key"], tokenLifetimeSeconds: 60 });
});
afterAll(() => wml.close());

async function exchange(form: Record<string, string>) {
  const response = await fetch(`${wml.catalog.url}/identity/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

test("§2: an API key exchange answers IAM's token shape", async () => {
  const answer = await exchange({ grant_type: APIKEY_GRANT_TYPE, apikey: SAMPLE_API_KEY });
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ token_type: "Bearer", expires_in: 60, refresh_token: "not_supported", scope: "ibm openid" });
  expect(answer.body.access_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(answer.body.expiration).toBe(Math.floor(wml.clock.now() / 1000) + 60);
  const payload = JSON.parse(Buffer.from(answer.body.access_token.split(".")[1], "base64url").toString("utf8"));
  expect(payload.exp).toBe(answer.body.expiration);
});

test("§2: every configured API key is accepted", async () => {
  expect((await exchange({ grant_type: APIKEY_GRANT_TYPE, apikey: "second-key" })).status).toBe(200);
});

test("§2: an unknown API key is refused with 400 BXNIM0415E", async () => {
  const answer = await exchange({ grant_type: APIKEY_GRANT_TYPE, apikey: "wrong" });
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({ errorCode: "BXNIM0415E", errorMessage: "Provided API key could not be found." });
  expect(answer.body.context.requestType).toBe("incoming.Identity_Token");
});

test("§2: a wrong grant type or a missing key is refused with 400 BXNIM0415E", async () => {
  for (const form of [{ grant_type: "password", apikey: SAMPLE_API_KEY }, { grant_type: APIKEY_GRANT_TYPE }, { apikey: SAMPLE_API_KEY }] as Record<string, string>[]) {
    const answer = await exchange(form);
    expect(answer.status).toBe(400);
    expect(answer.body.errorCode).toBe("BXNIM0415E");
  }
});

test("§2: an issued token is accepted by WML until it expires, then 401 authentication_token_expired", async () => {
  const { body } = await exchange({ grant_type: APIKEY_GRANT_TYPE, apikey: SAMPLE_API_KEY });
  expect((await wml.call("GET", "/ml/v4/models", { token: body.access_token })).status).toBe(200);
  wml.clock.advance(59_999);
  expect((await wml.call("GET", "/ml/v4/models", { token: body.access_token })).status).toBe(200);
  wml.clock.advance(1);
  const expired = await wml.call("GET", "/ml/v4/deployments", { token: body.access_token });
  expect(expired.status).toBe(401);
  expect(expired.body).toMatchObject({ status_code: 401, errors: [{ code: "authentication_token_expired" }] });
  expect((await wml.call("GET", "/ml/v4/models", { token: "static-token" })).status).toBe(200);
});

test("§2: successful exchanges are counted, refused ones are not", async () => {
  const before = (await (await fetch(`${wml.catalog.url}/_catalog/wml/token-exchanges`)).json()) as { count: number };
  expect(before.count).toBe(countTokenExchanges(wml.catalog.db));
  await Promise.all([1, 2, 3].map(() => exchange({ grant_type: APIKEY_GRANT_TYPE, apikey: SAMPLE_API_KEY })));
  await exchange({ grant_type: APIKEY_GRANT_TYPE, apikey: "wrong" });
  const after = (await (await fetch(`${wml.catalog.url}/_catalog/wml/token-exchanges`)).json()) as { count: number };
  expect(after.count).toBe(before.count + 3);
  expect(wml.catalog.requests.filter((r) => r.path === "/identity/token").length).toBeGreaterThanOrEqual(4);
});
