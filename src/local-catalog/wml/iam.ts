import { createHmac, randomBytes, randomUUID } from "node:crypto";
import type { CatalogDatabase } from "../database.js";
import type { Clock } from "../clock.js";
import type { CatalogRequest, CatalogResponse } from "../router.js";

/** The only grant type IAM's API-key exchange accepts (docs/upstream/wml.md §2). */
export const APIKEY_GRANT_TYPE = "urn:ibm:params:oauth:grant-type:apikey";

/** The API key the local catalog accepts by default at `POST /identity/token` (docs/upstream/wml.md §2). */
export const SAMPLE_API_KEY = "local-catalog-sample-api-key";

/** Default lifetime of an issued access token: IAM's one hour (docs/upstream/wml.md §2). */
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

/** Settings of the IAM-compatible token endpoint. */
export interface IamOptions {
  apiKeys: readonly string[];
  tokenLifetimeSeconds: number;
}

/** The outcome of checking an issued token: unknown tokens are not ours and count as static tokens. */
export type IssuedTokenState = "valid" | "expired" | "unknown";

const secret = randomBytes(32);

/** Creates the table of issued tokens; one row per successful exchange (docs/upstream/wml.md §2). */
export function createIamTables(db: CatalogDatabase): void {
  db.exec(`CREATE TABLE IF NOT EXISTS wml_iam_tokens (
    access_token TEXT PRIMARY KEY,
    issued_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  )`);
}

/** How many API-key exchanges succeeded since the store was created (tests assert one per burst). */
export function countTokenExchanges(db: CatalogDatabase): number {
  return (db.prepare("SELECT count(*) AS n FROM wml_iam_tokens").get() as { n: number }).n;
}

/**
 * Checks whether a bearer token is one this endpoint issued, and if so whether it has expired by `clock`.
 * The query is prepared once here (call after `createIamTables`); the check runs on every `/ml/v4` request.
 */
export function createTokenStateCheck(db: CatalogDatabase, clock: Clock): (token: string) => IssuedTokenState {
  const select = db.prepare("SELECT expires_at FROM wml_iam_tokens WHERE access_token = ?");
  return (token) => {
    const row = select.get(token) as { expires_at: number } | undefined;
    if (!row) return "unknown";
    return clock.now() >= row.expires_at ? "expired" : "valid";
  };
}

/**
 * `POST /identity/token`: IBM IAM's API-key exchange (docs/upstream/wml.md §2). Form-encoded
 * `grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey=<key>` answers
 * `{access_token, refresh_token, token_type: "Bearer", expires_in, expiration, scope}`; a wrong grant
 * type, a missing or unknown key answers 400 with IAM's `BXNIM0415E` error.
 */
export function createTokenHandler(db: CatalogDatabase, clock: Clock, options: IamOptions) {
  const insert = db.prepare("INSERT INTO wml_iam_tokens (access_token, issued_at, expires_at) VALUES (?, ?, ?)");
  return (req: CatalogRequest): CatalogResponse => {
    const started = clock.now();
    const form = new URLSearchParams(req.body.toString("utf8"));
    const apiKey = form.get("apikey");
    if (form.get("grant_type") !== APIKEY_GRANT_TYPE || !apiKey || !options.apiKeys.includes(apiKey)) {
      return { status: 400, body: iamError(req, started, clock.now()) };
    }
    const issuedAt = clock.now();
    const expiresAt = issuedAt + options.tokenLifetimeSeconds * 1000;
    const token = signToken(issuedAt, expiresAt);
    insert.run(token, issuedAt, expiresAt);
    return {
      status: 200,
      body: {
        access_token: token,
        refresh_token: "not_supported",
        token_type: "Bearer",
        expires_in: options.tokenLifetimeSeconds,
        expiration: Math.floor(expiresAt / 1000),
        scope: "ibm openid",
      },
    };
  };
}

function iamError(req: CatalogRequest, started: number, ended: number) {
  return {
    errorCode: "BXNIM0415E",
    errorMessage: "Provided API key could not be found.",
    context: {
      requestId: randomUUID(),
      requestType: "incoming.Identity_Token",
      userAgent: String(req.headers["user-agent"] ?? ""),
      url: "local-catalog",
      startTime: new Date(started).toUTCString(),
      endTime: new Date(ended).toUTCString(),
      elapsedTime: String(ended - started),
      locale: "en_US",
    },
  };
}

/** A JWT-shaped access token (header.payload.signature, HS256 over a per-process secret). */
function signToken(issuedAt: number, expiresAt: number): string {
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT", kid: "local-catalog" }));
  const payload = base64url(
    JSON.stringify({
      iam_id: "iam-ServiceId-local-catalog",
      sub: "ServiceId-local-catalog",
      grant_type: APIKEY_GRANT_TYPE,
      iat: Math.floor(issuedAt / 1000),
      exp: Math.floor(expiresAt / 1000),
      jti: randomUUID(),
      iss: "https://iam.cloud.ibm.com/identity",
      scope: "ibm openid",
    }),
  );
  const signature = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

function base64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}
