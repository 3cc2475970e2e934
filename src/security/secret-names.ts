/**
 * The one rule for keys whose names say they hold a secret: `password`, `passwd`, `secret`, `token`,
 * `apiKey`/`api_key`, `privateKey`, `credential(s)`, `authorization`, `cookie`, matched anywhere in the
 * name and without regard to case (so also `dbPassword`, `awsSecretAccessKey`, `gcpCredentials`). The
 * log censors their values (observability/logger.ts); answers mask them (openmetadata/service/secret-keys.ts).
 */
const SECRET_NAME = /passw(or)?d|secret|token|api[-_]?key|private[-_]?key|credential|authorization|cookie/i;

/** Whether a key's name says its value is a secret. */
export function isSecretName(key: string): boolean {
  return SECRET_NAME.test(key);
}
