import { invalidEntity, WmlHttpError } from "./errors.js";

/** Serving names: `[a-z0-9_]`, 1 to 36 characters (docs/upstream/wml.md §4.3, §11 item 5). */
export const SERVING_NAME_PATTERN = /^[a-z0-9_]{1,36}$/;

/** Refuses a malformed serving name with 400 (docs/upstream/wml.md §4.3). */
export function validateServingName(value: unknown): string {
  if (typeof value !== "string" || !SERVING_NAME_PATTERN.test(value)) {
    throw invalidEntity(`serving_name ${JSON.stringify(value)} is invalid; use 1 to 36 characters from [a-z0-9_].`);
  }
  return value;
}

/** 409 for a serving name another deployment holds; names are unique beyond one space (docs/upstream/wml.md §4.3, §6.2). */
export function servingNameTaken(name: string): WmlHttpError {
  return new WmlHttpError(409, "serving_name_already_exists", `Serving name '${name}' is already used by another deployment. Use a different serving name.`);
}
