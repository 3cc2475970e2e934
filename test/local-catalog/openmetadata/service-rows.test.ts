import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "@jest/globals";
import { ENTITY_KINDS } from "../../../src/local-catalog/openmetadata/kinds.js";
import { loadSchema, referenceRoot, serviceTypeEnum } from "../../helpers/reference-schemas.js";

/**
 * Each service row of the kinds table agrees with OpenMetadata's schemas for its kind
 * (`entity/services/<kind>Service.json`, `api/services/create<Kind>Service.json`, docs/upstream/openmetadata.md
 * §2): its rendered keys are the entity's properties in schema order, its create keys the create
 * request's, its service types the `<kind>ServiceType` enum in order, and only service types of that
 * enum have connector definitions. Skipped, saying so, where the reference folder is not beside the clone.
 */
const SERVICE_KINDS = ENTITY_KINDS.filter((kind) => "types" in kind.service);

if (!referenceRoot) {
  test.skip("service rows vs the reference schemas: skipped, ../shared/reference/openmetadata not found", () => undefined);
} else {
  const createFiles = readdirSync(resolve(referenceRoot, "api/services"));
  describe.each(SERVICE_KINDS.map((kind) => [kind.entityType, kind] as const))("%s", (entityType, kind) => {
    const entity = `entity/services/${entityType}.json`;
    const service = kind.service as { types: readonly string[]; connections: Record<string, unknown> };

    test("keys are the entity schema's properties in order", () => {
      expect(kind.keys).toEqual(Object.keys(loadSchema(entity).node.properties));
    });

    test("create keys are the create schema's properties", () => {
      const file = createFiles.find((f) => f.toLowerCase() === `create${entityType}.json`.toLowerCase());
      expect(file).toBeDefined();
      expect([...kind.createKeys].sort()).toEqual(Object.keys(loadSchema(`api/services/${file}`).node.properties).sort());
    });

    test("service types are the schema's enum in order; connectors only for those", () => {
      expect(service.types).toEqual(serviceTypeEnum(entity));
      for (const type of Object.keys(service.connections)) expect(service.types).toContain(type);
    });

    test("the collection path is the kind's plural", () => {
      expect(kind.path).toBe(`services/${entityType}s`);
    });
  });
}
