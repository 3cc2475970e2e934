/**
 * What the gateway knows of the upstream's secrets: the mask the server shows instead of a secret to
 * non-bot callers (openmetadata-contract.md §1.3), and the names of the connection keys that the
 * upstream's JSON schemas mark `format: password` (every schema under `entity/services/connections/`
 * and `security/`, the common connectors of every service kind included: Kafka's and Redpanda's SASL
 * and schema-registry secrets, Snowflake's key passphrase, OAuth tokens, SSL certificate values).
 * Names only: the connection definitions themselves are the upstream's to check.
 */
export const SECRET_MASK = "*********";

const SECRET_KEY_NAMES: ReadonlySet<string> = new Set([
  "accessToken",
  "apiKey",
  "apiSecret",
  "awsSecretAccessKey",
  "basicAuthUserInfo",
  "caCertValue",
  "clientCertValue",
  "clientSecret",
  "password",
  "personalAccessTokenSecret",
  "privateKey",
  "privateKeyValue",
  "refreshToken",
  "saslPassword",
  "secretToken",
  "snowflakePrivatekeyPassphrase",
  "token",
]);

/** The values of the secret-named keys anywhere inside `value` (a connection config), masks left out. */
function secretValues(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) secretValues(item, found);
  } else if (value !== null && typeof value === "object") {
    for (const [key, member] of Object.entries(value)) {
      if (SECRET_KEY_NAMES.has(key) && typeof member === "string" && member !== "" && member !== SECRET_MASK) found.add(member);
      else secretValues(member, found);
    }
  }
  return found;
}

/** `text` with every secret of `connection` replaced by the mask: an upstream message may quote what it was sent. */
export function maskSecrets(text: string, connection: unknown): string {
  let out = text;
  for (const secret of secretValues(connection)) out = out.split(secret).join(SECRET_MASK);
  return out;
}
