import { isSecretKey, SECRET_MASK } from "../../security/secrets.js";

/** The values of the secret-named keys anywhere inside `value` (a connection config), masks left out. */
function secretValues(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) secretValues(item, found);
  } else if (value !== null && typeof value === "object") {
    for (const [key, member] of Object.entries(value)) {
      if (isSecretKey(key) && typeof member === "string" && member !== "" && member !== SECRET_MASK) found.add(member);
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

