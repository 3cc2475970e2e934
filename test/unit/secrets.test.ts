import { isSecretKey, maskAnswer, maskPatchEcho, SECRET_MASK } from "../../src/security/secrets.js";

test("one rule names secrets: the schemas' key names and the names that say so", () => {
  for (const key of ["password", "dbPassword", "awsSecretAccessKey", "token", "apiKey", "api_key", "privateKey", "gcpCredentials", "clientSecret"]) expect(isSecretKey(key)).toBe(true);
  for (const key of ["username", "hostPort", "awsAccessKeyId", "type", "name"]) expect(isSecretKey(key)).toBe(false);
});

test("an answer is masked at any depth, inside JSON strings and in field changes named after a secret", () => {
  const entity = {
    connection: { config: { username: "u", password: "p1", nested: [{ apiKey: 7 }], nothing: null, authType: { password: null } } },
    changeDescription: {
      fieldsUpdated: [
        { name: "connection", oldValue: JSON.stringify({ config: { password: "p0", host: "h" } }), newValue: '{"config":{"password":"p1"}}' },
        { name: "connection.config.token", oldValue: "t0", newValue: "t1" },
        { name: "description", oldValue: "[not json", newValue: "plain" },
      ],
    },
  };
  maskAnswer(entity);
  expect(entity.connection.config).toEqual({ username: "u", password: SECRET_MASK, nested: [{ apiKey: SECRET_MASK }], nothing: null, authType: { password: null } });
  const [connection, token, description] = entity.changeDescription.fieldsUpdated;
  expect(JSON.parse(connection.oldValue)).toEqual({ config: { password: SECRET_MASK, host: "h" } });
  expect(JSON.parse(connection.newValue)).toEqual({ config: { password: SECRET_MASK } });
  expect(token).toEqual({ name: "connection.config.token", oldValue: SECRET_MASK, newValue: SECRET_MASK });
  expect(description).toEqual({ name: "description", oldValue: "[not json", newValue: "plain" });
});

test("JSON texts are masked whichever way they spell a secret key, and others are left as they were", () => {
  const change = {
    fieldsUpdated: [
      { name: "connection", oldValue: '{"config":{"basicAuthUserInfo":"u:p"}}', newValue: '{"config":{"pass\\u0077ord":"p"}}' },
      { name: "connection", oldValue: ' \n {"config":{"nested":"{\\"token\\":\\"t\\"}"}}', newValue: '{ "config" : { "host" : "h" } }' },
    ],
  };
  maskAnswer(change);
  const [schemaKey, nested] = change.fieldsUpdated;
  expect(JSON.parse(schemaKey.oldValue)).toEqual({ config: { basicAuthUserInfo: SECRET_MASK } });
  expect(JSON.parse(schemaKey.newValue)).toEqual({ config: { password: SECRET_MASK } });
  expect(JSON.parse(JSON.parse(nested.oldValue).config.nested)).toEqual({ token: SECRET_MASK });
  // Nothing to mask: the text keeps its own spacing, not re-serialized.
  expect(nested.newValue).toBe('{ "config" : { "host" : "h" } }');
});

test("a patch echo masks values at or under secret keys, and leaves the operations sent untouched", () => {
  const sent = [
    { op: "replace", path: "/connection/config/password", value: "p" },
    { op: "add", path: "/connection/config/awsConfig", value: { awsAccessKeyId: "id", awsSecretAccessKey: "s" } },
    { op: "remove", path: "/connection/config/token" },
    { op: "replace", path: "/description", value: "d" },
  ];
  const copy = structuredClone(sent);
  expect(maskPatchEcho(sent)).toEqual([
    { op: "replace", path: "/connection/config/password", value: SECRET_MASK },
    { op: "add", path: "/connection/config/awsConfig", value: { awsAccessKeyId: "id", awsSecretAccessKey: SECRET_MASK } },
    { op: "remove", path: "/connection/config/token" },
    { op: "replace", path: "/description", value: "d" },
  ]);
  expect(sent).toEqual(copy);
});
