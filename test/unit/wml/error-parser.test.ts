import { classifyWmlError, HTML_PAGE_MESSAGE, parseWmlError } from "../../../src/wml/upstream.js";

describe("parseWmlError (docs/upstream/wml.md §6.1)", () => {
  test("the deployments envelope: no status_code", () => {
    expect(
      parseWmlError({ trace: "7c59", errors: [{ code: "deployment_does_not_exist", message: "Deployment with id 'x' does not exist." }] }),
    ).toEqual({ code: "deployment_does_not_exist", message: "Deployment with id 'x' does not exist.", trace: "7c59" });
  });

  test("status_code as a string or an integer is ignored; more_info and target are tolerated", () => {
    const body = { trace: "2a5c", errors: [{ code: "invalid_request_entity", message: "Invalid request entity: x", more_info: "https://cloud.ibm.com", target: { type: "field", name: "software_spec" } }] };
    expect(parseWmlError({ ...body, status_code: "400" })).toEqual({ code: "invalid_request_entity", message: "Invalid request entity: x", trace: "2a5c" });
    expect(parseWmlError({ ...body, status_code: 401 })).toEqual({ code: "invalid_request_entity", message: "Invalid request entity: x", trace: "2a5c" });
  });

  test("IAM's error body, an empty errors list, odd types", () => {
    expect(parseWmlError({ errorCode: "BXNIM0415E", errorMessage: "Provided API key could not be found." })).toEqual({ code: "BXNIM0415E", message: "Provided API key could not be found." });
    expect(parseWmlError({ trace: "t", errors: [] })).toEqual({ trace: "t" });
    expect(parseWmlError({ errors: [null], trace: 5 })).toEqual({ trace: "5" });
    expect(parseWmlError({ errors: [{ code: 42, message: "numeric code" }] })).toEqual({ code: "42", message: "numeric code" });
    expect(parseWmlError(undefined)).toEqual({});
    expect(parseWmlError([1, 2])).toEqual({});
  });

  test("an HTML 404 page reads as a missing component and is UPSTREAM_ERROR, not NOT_FOUND", () => {
    const detail = parseWmlError("<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>…</body></html>");
    expect(detail).toEqual({ message: `${HTML_PAGE_MESSAGE} (404 Not Found)` });
    expect(classifyWmlError(404, detail)).toBe("UPSTREAM_ERROR");
    expect(classifyWmlError(404, { code: "deployment_does_not_exist" })).toBeUndefined();
    expect(parseWmlError("<html><body>gateway</body></html>")).toEqual({ message: HTML_PAGE_MESSAGE });
  });

  test("other text is kept, shortened", () => {
    expect(parseWmlError("  upstream connect error  ")).toEqual({ message: "upstream connect error" });
    expect(parseWmlError("x".repeat(800)).message).toHaveLength(500);
  });
});
