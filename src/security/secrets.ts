import { isPlainObject } from "../plain-object.js";

/**
 * Secrets in answers and logs. The log censors the values of secret keys (observability/logger.ts);
 * answers mask them (`maskAnswer`, `maskPatchEcho`) as the upstream masks them for most callers: with
 * the mask OpenMetadata shows instead of a secret to non-bot callers (docs/upstream/openmetadata.md §1.3).
 */
export const SECRET_MASK = "*********";

/**
 * The names of the connection keys that OpenMetadata's JSON schemas mark `format: password` (every
 * schema under `entity/services/connections/` and `security/`). Names only: the connection definitions
 * themselves are the upstream's to check.
 */
const SCHEMA_SECRET_KEYS: ReadonlySet<string> = new Set([
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

/**
 * The one rule for keys whose names say they hold a secret: `password`, `passwd`, `secret`, `token`,
 * `apiKey`/`api_key`, `privateKey`, `credential(s)`, `authorization`, `cookie`, matched anywhere in the
 * name and without regard to case (so also `dbPassword`, `awsSecretAccessKey`, `gcpCredentials`). The
 * log censors their values (observability/logger.ts); answers mask them (below).
 */
const SECRET_NAME = /passw(or)?d|secret|token|api[-_]?key|private[-_]?key|credential|authorization|cookie/i;

/** Whether a key's name says its value is a secret. */
function isSecretName(key: string): boolean {
  return SECRET_NAME.test(key);
}

/**
 * Answers of `isSecretKey` so far: an answer holds the same few dozen key names in every entity, and the
 * name rule is a regular expression. Bounded, since custom properties (`extension`) bring any names.
 */
const secretKeyAnswers = new Map<string, boolean>();
const SECRET_KEY_ANSWERS_MAX = 4096;

/** Whether a key holds a secret: named so by the upstream's schemas, or by its name (`isSecretName`); the one rule of the project, the log's too. */
export function isSecretKey(key: string): boolean {
  let answer = secretKeyAnswers.get(key);
  if (answer === undefined) {
    answer = SCHEMA_SECRET_KEYS.has(key) || isSecretName(key);
    if (secretKeyAnswers.size >= SECRET_KEY_ANSWERS_MAX) secretKeyAnswers.clear();
    secretKeyAnswers.set(key, answer);
  }
  return answer;
}

/**
 * What may spell a secret key in a JSON text: the name rule, the schema key names it does not already
 * match, or an escape (`\u…`), which could spell either. One pass over the text, ignoring case (a
 * superset of the keys is harmless: such a text is only parsed and looked at).
 */
const SECRET_IN_TEXT = new RegExp(
  [SECRET_NAME.source, ...[...SCHEMA_SECRET_KEYS].filter((key) => !SECRET_NAME.test(key)), "\\\\u"].join("|"),
  "i",
);

/** What an answer shows instead of a secret value (null and absent stay as they are). */
function masked(value: unknown): unknown {
  return value === null || value === undefined ? value : SECRET_MASK;
}

/**
 * Masks, in place, every secret of an upstream answer: the values under secret keys at any depth, also
 * inside a string that holds JSON (a change description's `oldValue`/`newValue` of `connection`), and
 * both values of a field change whose name ends in a secret key (`connection.config.password`). The
 * upstream masks them for most callers, not for bots (docs/upstream/openmetadata.md §1.3): the gateway
 * answers every caller alike, whichever token served it.
 */
export function maskAnswer(node: unknown): void {
  maskNode(node);
}

/** `maskAnswer`, saying whether it replaced anything. */
function maskNode(node: unknown): boolean {
  let changed = false;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) changed = maskEntry(node, i) || changed;
    return changed;
  }
  if (!isPlainObject(node)) return false;
  const change = typeof node.name === "string" && ("oldValue" in node || "newValue" in node) && isSecretKey(node.name.slice(node.name.lastIndexOf(".") + 1));
  for (const key in node) {
    if (!Object.hasOwn(node, key)) continue;
    if (isSecretKey(key) || (change && (key === "oldValue" || key === "newValue"))) {
      const value = node[key];
      const replacement = masked(value);
      if (replacement === value) continue;
      node[key] = replacement;
      changed = true;
    } else changed = maskEntry(node, key) || changed;
  }
  return changed;
}

/** Masks what one entry of an object or array holds (a JSON text, or a nested value), saying whether it changed. */
function maskEntry(container: Record<string, unknown> | unknown[], key: string | number): boolean {
  const value = (container as Record<string | number, unknown>)[key];
  if (typeof value === "string") {
    const text = maskJsonText(value);
    if (text === value) return false;
    (container as Record<string | number, unknown>)[key] = text;
    return true;
  }
  return typeof value === "object" && value !== null && maskNode(value);
}

/** The first character of a text that is not ASCII white space (JSON's own included), without copying the text. */
function firstNonSpace(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Tab, line feed, vertical tab, form feed, carriage return and space; anything else ends the search.
    if (c !== 0x20 && (c < 0x09 || c > 0x0d)) return text[i];
  }
  return undefined;
}

/** A string holding a JSON object or array, with its secrets masked; any other string as it is. */
function maskJsonText(text: string): string {
  const first = firstNonSpace(text);
  // A text in which nothing may spell a secret key holds none at any depth: it need not be parsed.
  if ((first !== "{" && first !== "[") || !SECRET_IN_TEXT.test(text)) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  return maskNode(parsed) ? JSON.stringify(parsed) : text;
}

/**
 * A copy of JSON Patch operations as a payload echoes them: a value at a secret key's path, or under
 * one inside an object value, shows the mask. What was sent upstream is not changed.
 */
export function maskPatchEcho<T extends { path: string; value?: unknown }>(operations: readonly T[]): T[] {
  return operations.map((operation) => {
    if (!("value" in operation)) return operation;
    const last = operation.path.slice(operation.path.lastIndexOf("/") + 1).replaceAll("~1", "/").replaceAll("~0", "~");
    if (isSecretKey(last)) return { ...operation, value: masked(operation.value) };
    if (operation.value === null || typeof operation.value !== "object") return operation;
    const value = structuredClone(operation.value);
    maskAnswer(value);
    return { ...operation, value };
  });
}
