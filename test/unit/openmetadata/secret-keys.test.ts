import { maskSecrets } from "../../../src/openmetadata/service/secret-keys.js";
import { SECRET_MASK } from "../../../src/security/secrets.js";

describe("maskSecrets over the common connectors of every service kind", () => {
  test.each([
    ["Kafka SASL and schema registry", { type: "Kafka", saslPassword: "sasl-pw", basicAuthUserInfo: "user:registry-pw" }, ["sasl-pw", "user:registry-pw"]],
    ["Snowflake key passphrase", { type: "Snowflake", password: "snow-pw-1", privateKey: "snow-pk-1", snowflakePrivatekeyPassphrase: "snow-phrase-1" }, ["snow-pw-1", "snow-pk-1", "snow-phrase-1"]],
    ["OAuth tokens of a database", { type: "Databricks", authType: { clientSecret: "client-secret-1", accessToken: "access-token-1", refreshToken: "refresh-token-1" } }, ["client-secret-1", "access-token-1", "refresh-token-1"]],
    ["SSL certificate values", { type: "Kafka", consumerConfigSSL: { caCertValue: "ca-cert-1", clientCertValue: "client-cert-1", privateKeyValue: "private-key-1" } }, ["ca-cert-1", "client-cert-1", "private-key-1"]],
    ["a REST API token", { type: "Rest", token: "rest-token" }, ["rest-token"]],
  ])("%s: every secret a message quotes is masked", (_what, connection, secrets) => {
    const message = `rejected ${secrets.map((secret) => `<${secret}>`).join(" ")} for ${connection.type}`;
    const masked = maskSecrets(message, connection);
    for (const secret of secrets) expect(masked).not.toContain(`<${secret}>`);
    expect(masked).toBe(`rejected ${secrets.map(() => `<${SECRET_MASK}>`).join(" ")} for ${connection.type}`);
  });
});
