import { describe, expect, test } from "@jest/globals";
import { ML_MODEL_CONNECTIONS, ML_MODEL_SERVICE_TYPES, PIPELINE_CONNECTIONS, PIPELINE_SERVICE_TYPES } from "../../../src/local-catalog/openmetadata/connection-definitions.js";
import { secretPaths } from "../../../src/local-catalog/openmetadata/masking.js";
import { connectionSchemas, referenceRoot, serviceTypeEnum } from "../../helpers/reference-schemas.js";
import { compareSpec, danglingPaths, schemaSecrets } from "./schema-compare.js";

/**
 * The catalog's connection definitions held against OpenMetadata's own JSON schemas
 * (shared/reference/openmetadata/, docs/upstream/openmetadata.md §2.3, §13): a misread required key, type,
 * default or secret fails here. Skipped, saying so, where the reference folder is not beside the clone.
 */
const ML = "entity/services/mlmodelService.json";
const PIPELINE = "entity/services/pipelineService.json";
/** The ML model and pipeline connectors (no service type is in both kinds). */
const DEFINITIONS = { ...ML_MODEL_CONNECTIONS, ...PIPELINE_CONNECTIONS };

if (!referenceRoot) {
  test.skip("connection definitions vs the reference schemas: skipped, ../shared/reference/openmetadata not found", () => undefined);
} else {
  const schemas = new Map([...connectionSchemas(ML), ...connectionSchemas(PIPELINE)]);
  const types = [...ML_MODEL_SERVICE_TYPES, ...PIPELINE_SERVICE_TYPES];

  describe("connection definitions against the reference schemas", () => {
    test("the service-type lists are the schemas' enums, in order, each with a definition of its kind", () => {
      expect(ML_MODEL_SERVICE_TYPES).toEqual(serviceTypeEnum(ML));
      expect(PIPELINE_SERVICE_TYPES).toEqual(serviceTypeEnum(PIPELINE));
      expect(Object.keys(ML_MODEL_CONNECTIONS).sort()).toEqual([...ML_MODEL_SERVICE_TYPES].sort());
      expect(Object.keys(PIPELINE_CONNECTIONS).sort()).toEqual([...PIPELINE_SERVICE_TYPES].sort());
    });

    describe.each(types)("%s", (type) => {
      const schema = () => {
        const found = schemas.get(type);
        if (!found) throw new Error(`no connection schema with type ${type}`);
        return found;
      };

      test("required keys are the schema's (those it defines)", () => {
        const { node } = schema();
        const required = ((node.required ?? []) as string[]).filter((key) => key in node.properties).sort();
        expect([...DEFINITIONS[type].required].sort()).toEqual(required);
      });

      test("the masked secrets are the schema's format: password properties", () => {
        // Below a reference the subset does not carry (a database backend), the schema cannot say.
        const dangling = danglingPaths(schema());
        const mine = secretPaths(DEFINITIONS[type]).filter((path) => !dangling.some((prefix) => path.startsWith(`${prefix}.`)));
        expect([...mine].sort()).toEqual(schemaSecrets(schema()).sort());
      });

      test("properties, types, defaults, enums and choices match the schema", () => {
        expect(compareSpec(schema(), DEFINITIONS[type], "config")).toEqual([]);
      });
    });

    test("Wherescape's schema requires a `connection` it does not define: not enforceable, so not required", () => {
      const { node } = schemas.get("Wherescape")!;
      expect(node.required).toContain("connection");
      expect(node.properties.connection).toBeUndefined();
      expect(DEFINITIONS.Wherescape.required).not.toContain("connection");
    });
  });
}
