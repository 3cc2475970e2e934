import { decodeChangeValue } from "../../../src/openmetadata/entity/fields.js";
import { formatVersion } from "../../../src/openmetadata/entity/api.js";

test("list and object changes arrive JSON-encoded and are decoded", () => {
  expect(decodeChangeValue("tags", '[{"tagFQN":"PII.None"}]')).toEqual([{ tagFQN: "PII.None" }]);
  expect(decodeChangeValue("connection", '"old-encrypted-value"')).toBe("old-encrypted-value");
  expect(decodeChangeValue("deleted", true)).toBe(true);
});

test("text fields stay text even when they look like JSON", () => {
  expect(decodeChangeValue("description", '["draft"]')).toBe('["draft"]');
  expect(decodeChangeValue("displayName", "{x}")).toBe("{x}");
});

test("a value that does not parse is kept as it came", () => {
  expect(decodeChangeValue("owners", "[not json")).toBe("[not json");
});

test("versions are formatted as the upstream prints them", () => {
  expect(formatVersion(1)).toBe("1.0");
  expect(formatVersion(0.30000000000000004)).toBe("0.3");
  expect(formatVersion(12.7)).toBe("12.7");
});
