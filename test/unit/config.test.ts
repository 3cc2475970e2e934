import { ConfigError, DEFAULT_WML_API_VERSION, loadConfig } from "../../src/config.js";

test("defaults per the public configuration table", () => {
  const config = loadConfig({});
  expect(config).toMatchObject({
    port: 4000,
    host: "127.0.0.1",
    openmetadata: { url: undefined, token: undefined },
    wml: { url: undefined, apiVersion: DEFAULT_WML_API_VERSION },
    localCatalog: { port: 8585, dataFile: ".data/catalog.db" },
    subscriptions: { pollMs: 2000, maxPerConnection: 20, max: 1000 },
    anonymousAccess: true,
    limits: { maxCost: 10_000, defaultListSize: 100, maxJsonDepth: 32, maxJsonValues: 10_000 },
  });
  expect(loadConfig({ SUBSCRIPTION_POLL_MS: "250", MAX_SUBSCRIPTIONS_PER_CONNECTION: "5", MAX_SUBSCRIPTIONS: "50" }).subscriptions).toEqual({ pollMs: 250, maxPerConnection: 5, max: 50 });
});

test("ANONYMOUS_ACCESS, DEFAULT_LIST_SIZE and the JSON limits are read", () => {
  const config = loadConfig({ ANONYMOUS_ACCESS: "false", DEFAULT_LIST_SIZE: "25", MAX_JSON_DEPTH: "8", MAX_JSON_VALUES: "500" });
  expect(config.anonymousAccess).toBe(false);
  expect(config.limits).toMatchObject({ defaultListSize: 25, maxJsonDepth: 8, maxJsonValues: 500 });
});

test.each([
  [{ PORT: "4k" }, /expected an integer for PORT, got "4k"/],
  [{ PORT: "70000" }, /PORT between 0 and 65535/],
  [{ LOCAL_CATALOG_PORT: "-1" }, /LOCAL_CATALOG_PORT/],
  [{ OPENMETADATA_URL: "localhost:8585" }, /OPENMETADATA_URL/],
  [{ WML_URL: "ftp://example.com" }, /WML_URL/],
  [{ WML_URL: "https://us-south.ml.cloud.ibm.com", WML_API_KEY: "a-key" }, /WML_SPACE_ID is required when WML_URL is set/],
  [{ WML_API_VERSION: "2024-13-01" }, /WML_API_VERSION/],
  [{ WML_TOKEN: "a-token", WML_API_KEY: "a-key" }, /only one of WML_TOKEN and WML_API_KEY/],
  [{ SUBSCRIPTION_POLL_MS: "5" }, /SUBSCRIPTION_POLL_MS between 10 and 600000/],
  [{ MAX_SUBSCRIPTIONS_PER_CONNECTION: "0" }, /MAX_SUBSCRIPTIONS_PER_CONNECTION between 1/],
  [{ MAX_SUBSCRIPTIONS: "many" }, /expected an integer for MAX_SUBSCRIPTIONS, got "many"/],
  [{ ANONYMOUS_ACCESS: "no" }, /expected true or false for ANONYMOUS_ACCESS, got "no"/],
  [{ MAX_JSON_DEPTH: "0" }, /MAX_JSON_DEPTH between 1 and 1000/],
  [{ DEFAULT_LIST_SIZE: "lots" }, /expected an integer for DEFAULT_LIST_SIZE/],
])("%j is refused with a message naming the variable", (env, message) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(message);
});

test("a URL with credentials is refused without echoing them", () => {
  let message = "";
  try {
    loadConfig({ OPENMETADATA_URL: "http://user:s3cret-pass@example.com/api" });
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toMatch(/OPENMETADATA_URL/);
  expect(message).not.toContain("s3cret-pass");
});

test("URLs lose a trailing slash", () => {
  expect(loadConfig({ OPENMETADATA_URL: "http://om.example:8585/api/" }).openmetadata.url).toBe("http://om.example:8585/api");
});

test("WML_SPACE_ID: required with WML_URL, unset (the embedded catalog's sample space) without it", () => {
  expect(loadConfig({ WML_URL: "https://us-south.ml.cloud.ibm.com", WML_SPACE_ID: "space-1" }).wml.spaceId).toBe("space-1");
  expect(loadConfig({}).wml.spaceId).toBeUndefined();
  expect(loadConfig({ WML_SPACE_ID: "space-2" }).wml.spaceId).toBe("space-2");
});
