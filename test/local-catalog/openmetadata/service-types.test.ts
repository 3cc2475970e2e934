import { describe, expect, test } from "@jest/globals";
import {
  CONNECTION_DEFINITIONS,
  isValidEntityName,
  ML_MODEL_SERVICE_TYPES,
  PIPELINE_SERVICE_TYPES,
  secretPaths,
  validateConnection,
  withConnectionDefaults,
} from "../../../src/openmetadata/service/service-types.js";

describe("shared service-type definitions (openmetadata-contract.md §2.3, §8.2)", () => {
  test("§2.1: every ML and pipeline service type has a connection definition of its kind", () => {
    for (const type of ML_MODEL_SERVICE_TYPES) expect(CONNECTION_DEFINITIONS[type].kind).toBe("mlmodelService");
    for (const type of PIPELINE_SERVICE_TYPES) expect(CONNECTION_DEFINITIONS[type].kind).toBe("pipelineService");
    expect(PIPELINE_SERVICE_TYPES).toHaveLength(25);
  });

  test("§2.3: required keys are reported by name", () => {
    expect(validateConnection("Mlflow", { config: { type: "Mlflow" } })).toEqual([
      "connection.config.trackingUri is required for Mlflow",
      "connection.config.registryUri is required for Mlflow",
    ]);
    expect(validateConnection("Mlflow", { config: { trackingUri: "a", registryUri: "b" } })).toEqual([]);
    expect(validateConnection("SageMaker", { config: { awsConfig: {} } })).toEqual(["connection.config.awsConfig.awsRegion is required for SageMaker"]);
  });

  test("§7.3: unknown keys, a wrong type and a wrong config.type are reported", () => {
    expect(validateConnection("Sklearn", { config: { foo: 1 } })).toEqual(["connection.config.foo is not a known field of a Sklearn connection"]);
    expect(validateConnection("Fivetran", { config: { apiKey: "k", apiSecret: "s", limit: "many" } })[0]).toMatch(/limit must be an integer/);
    expect(validateConnection("Mlflow", { config: { type: "Sklearn", trackingUri: "a", registryUri: "b" } })[0]).toMatch(/type must be Mlflow/);
    expect(validateConnection("Mlflow", { other: {} })).toEqual(["connection.other is not a known field of a Mlflow connection"]);
  });

  test("§2.3: oneOf choices validate against any option (Nifi basic auth or client certificate)", () => {
    expect(validateConnection("Nifi", { config: { hostPort: "h", nifiConfig: { username: "u", password: "p" } } })).toEqual([]);
    expect(validateConnection("Nifi", { config: { hostPort: "h", nifiConfig: { clientCertificatePath: "/c" } } })).toEqual([]);
    expect(validateConnection("Nifi", { config: { hostPort: "h", nifiConfig: { token: "x" } } })).not.toEqual([]);
  });

  test("§2.3: defaults are materialised in schema order", () => {
    expect(withConnectionDefaults("Fivetran", { apiSecret: "s", apiKey: "k" })).toEqual({
      type: "Fivetran",
      apiKey: "k",
      hostPort: "https://api.fivetran.com",
      apiSecret: "s",
      limit: 1000,
      supportsMetadataExtraction: true,
    });
    expect(Object.keys(withConnectionDefaults("Fivetran", { apiSecret: "s", apiKey: "k" }))).toEqual([
      "type",
      "apiKey",
      "hostPort",
      "apiSecret",
      "limit",
      "supportsMetadataExtraction",
    ]);
    expect(withConnectionDefaults("Airbyte", { hostPort: "h" })).toMatchObject({ apiVersion: "api/v1", supportsMetadataExtraction: true });
  });

  test("§1.3: secret paths are the format: password properties", () => {
    expect(secretPaths("Fivetran")).toEqual(["apiSecret"]);
    expect(secretPaths("SageMaker")).toEqual(["awsConfig.awsSecretAccessKey"]);
    expect(secretPaths("VertexAI")).toEqual(["credentials.gcpConfig.privateKey"]);
    expect(secretPaths("Nifi")).toEqual(["nifiConfig.password"]);
    expect(secretPaths("Mlflow")).toEqual([]);
  });

  test("§8.2: entity names are 1..256 characters without ::", () => {
    expect(isValidEntityName("a")).toBe(true);
    expect(isValidEntityName("x".repeat(256))).toBe(true);
    expect(isValidEntityName("")).toBe(false);
    expect(isValidEntityName("x".repeat(257))).toBe(false);
    expect(isValidEntityName("a::b")).toBe(false);
    expect(isValidEntityName('we.ird/na"me %ü')).toBe(true);
  });
});
