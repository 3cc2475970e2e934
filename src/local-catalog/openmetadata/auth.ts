import type { CatalogRequest } from "../router.js";
import { CatalogError } from "./errors.js";
import type { Caller } from "./types.js";

/** How bearer tokens map to users (docs/upstream/openmetadata.md §9); all fields optional. */
export interface AuthOptions {
  /** Token → user name, checked first. */
  tokens?: Record<string, string>;
  /** Users treated as bots (they see secrets unmasked), besides the seeded `ingestion-bot`. */
  botUsers?: string[];
  /** Users whose writes are refused with 403 `Principal: CatalogPrincipal{name='<u>'} operations [<Op>] not allowed`. */
  deniedUsers?: string[];
  /** Tokens answered 401 `Expired token!`. Default `["expired-token"]`. */
  expiredTokens?: string[];
  /** Tokens answered 401 `Invalid token`. Default `["invalid-token"]`. */
  invalidTokens?: string[];
  /** The user of a token that names no known user. Default `admin`. */
  defaultUser?: string;
}

/** What the authenticator needs to know about the seeded users. */
export interface UserDirectory {
  isUser(name: string): boolean;
  isBot(name: string): boolean;
}

/**
 * Turns the `Authorization` header into a caller:
 * 1. no header / not `Bearer <token>` / blank token → 401 `Not Authorized! Token not present`;
 * 2. an expired token (option list, or a JWT whose `exp` lies in the past) → 401 `Expired token!`;
 * 3. an invalid token (option list) → 401 `Invalid token`;
 * 4. `tokens[token]` → that user; a token equal to a known user name → that user;
 *    a JWT (`header.payload.signature`, signature not checked) → its `sub` (or the local part of `email`) when known;
 * 5. anything else → `defaultUser` (`admin`).
 */
export function createAuthenticator(options: AuthOptions, users: UserDirectory, now: () => number) {
  const expired = new Set(options.expiredTokens ?? ["expired-token"]);
  const invalid = new Set(options.invalidTokens ?? ["invalid-token"]);
  const bots = new Set(options.botUsers ?? []);
  const denied = new Set(options.deniedUsers ?? []);
  const fallback = options.defaultUser ?? "admin";

  function userOf(token: string): string {
    const mapped = options.tokens?.[token];
    if (mapped !== undefined) return mapped;
    if (users.isUser(token)) return token;
    const claims = jwtClaims(token);
    if (claims) {
      if (typeof claims.exp === "number" && claims.exp * 1000 < now()) throw new CatalogError(401, "Expired token!");
      const subject = typeof claims.sub === "string" ? claims.sub : typeof claims.email === "string" ? claims.email.split("@")[0] : undefined;
      if (subject !== undefined && users.isUser(subject)) return subject;
    }
    return fallback;
  }

  return {
    /** The caller of a request, or a 401 (§9). */
    authenticate(req: CatalogRequest): Caller {
      const header = req.headers.authorization;
      const match = typeof header === "string" ? /^Bearer\s+(.*)$/i.exec(header.trim()) : null;
      const token = match?.[1]?.trim() ?? "";
      if (token === "") throw new CatalogError(401, "Not Authorized! Token not present");
      if (expired.has(token)) throw new CatalogError(401, "Expired token!");
      if (invalid.has(token)) throw new CatalogError(401, "Invalid token");
      const name = userOf(token);
      return { name, bot: bots.has(name) || users.isBot(name) };
    },
    /** Refuses a write by a denied user with the policy-denial 403 (§9). */
    authorize(caller: Caller, operation: string): void {
      if (denied.has(caller.name)) {
        throw new CatalogError(403, `Principal: CatalogPrincipal{name='${caller.name}'} operations [${operation}] not allowed`);
      }
    },
  };
}

/** The authenticator made by {@link createAuthenticator}. */
export type Authenticator = ReturnType<typeof createAuthenticator>;

function jwtClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as unknown;
    return typeof claims === "object" && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
