import { codeForStatus, redact } from "../../src/errors.js";

test("redact removes bearer tokens, JWTs, URL credentials, key=value secrets and known secrets", () => {
  const text = [
    "Authorization: Bearer abc.DEF-123_xyz",
    "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl",
    "http://bob:hunter2@db.example:5432/x",
    "apikey=XYZ-987 password: 'pw1' access_token=tok",
    "the configured one: my-static-wml-token",
  ].join("\n");
  const out = redact(text, ["my-static-wml-token"]);
  for (const secret of ["abc.DEF-123_xyz", "eyJhbGciOiJIUzI1NiJ9", "hunter2", "XYZ-987", "pw1", "=tok", "my-static-wml-token"]) {
    expect(out).not.toContain(secret);
  }
  expect(out).toContain("db.example:5432");
});

test.each([
  [400, "BAD_USER_INPUT"],
  [401, "UNAUTHENTICATED"],
  [403, "FORBIDDEN"],
  [404, "NOT_FOUND"],
  [409, "CONFLICT"],
  [412, "CONFLICT"],
  [415, "BAD_USER_INPUT"],
  [429, "UPSTREAM_UNAVAILABLE"],
  [500, "UPSTREAM_ERROR"],
  [503, "UPSTREAM_UNAVAILABLE"],
  [504, "UPSTREAM_TIMEOUT"],
])("status %i maps to %s", (status, code) => {
  expect(codeForStatus(status)).toBe(code);
});
