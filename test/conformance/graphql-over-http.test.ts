import { serverAudits, type AuditResult } from "graphql-http";
import { startStack, type Stack } from "../helpers/stack.js";

/**
 * The SHOULD audits the gateway does not meet, each for a reason given in docs/operations.md
 * ("GraphQL over HTTP conformance"). A SHOULD that starts failing, or one of these that starts passing,
 * fails this suite until the list and the document are brought up to date.
 */
const KNOWN_SHOULD_MISSES: Record<string, string> = {
  "572B": "Apollo Server answers 400, not 200, to a document that does not parse (Accept: application/json)",
  FDE2: "Apollo Server answers 400, not 200, to a document that fails validation (Accept: application/json)",
  "7B9B": "Apollo Server answers 400, not 200, to variables that do not coerce (Accept: application/json)",
};

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const audits = serverAudits({ url: () => stack.url, fetchFn: fetch });

describe("graphql-http server audits", () => {
  for (const audit of audits) {
    test(`${audit.id} ${audit.name}`, async () => {
      const result: AuditResult = await audit.fn();
      const detail = result.status === "ok" ? "" : `${result.reason} (HTTP ${result.response.status})`;
      if (audit.name.startsWith("MUST")) expect({ status: result.status, detail }).toEqual({ status: "ok", detail: "" });
      if (audit.name.startsWith("SHOULD")) {
        const expected = KNOWN_SHOULD_MISSES[audit.id] === undefined ? "ok" : "warn";
        expect({ id: audit.id, status: result.status, detail }).toEqual({ id: audit.id, status: expected, detail: expected === "ok" ? "" : detail });
      }
    });
  }
});
