import { maskAnswer } from "../security/secrets.js";

/**
 * A WML answer (a resource, a list of them, or an answer holding one) with the values of its
 * secret-named keys masked in place (a `custom` member named `apiToken`, say): every resource the
 * gateway reads from WML passes here after its identity check, as OpenMetadata entities do in `stamp`.
 */
export function masked<T>(value: T): T {
  maskAnswer(typeof value === "object" && value !== null && "body" in value ? (value as { body: unknown }).body : value);
  return value;
}
