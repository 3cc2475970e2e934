import { describe, expect, test } from "@jest/globals";
import { checkConnection, withConnectionDefaults } from "../../../src/local-catalog/openmetadata/connection.js";
import { ML_MODEL_CONNECTIONS, ML_MODEL_SERVICE_TYPES, PIPELINE_CONNECTIONS, PIPELINE_SERVICE_TYPES } from "../../../src/local-catalog/openmetadata/connection-definitions.js";
import { secretPaths } from "../../../src/local-catalog/openmetadata/masking.js";
import { childFqn, entityNameViolations, quoteName } from "../../../src/local-catalog/openmetadata/names.js";
import { loadSchema, referenceRoot } from "../../helpers/reference-schemas.js";

/** The ML model and pipeline connectors (no service type is in both kinds). */
const DEFINITIONS = { ...ML_MODEL_CONNECTIONS, ...PIPELINE_CONNECTIONS };
const validateConnection = (serviceType: string, connection: unknown) => checkConnection(serviceType, DEFINITIONS[serviceType], connection).map((p) => p.message);
const defaults = (serviceType: string, config: Record<string, unknown>) => withConnectionDefaults(serviceType, DEFINITIONS[serviceType], config);
const secrets = (serviceType: string) => secretPaths(DEFINITIONS[serviceType]);
const isValidEntityName = (name: string) => entityNameViolations(name).length === 0;

describe("the catalog's connection checks and name rules (docs/upstream/openmetadata.md §2.3, §8)", () => {
  test("§2.1: every ML and pipeline service type has a connection definition of its kind", () => {
    expect(Object.keys(ML_MODEL_CONNECTIONS).sort()).toEqual([...ML_MODEL_SERVICE_TYPES].sort());
    expect(Object.keys(PIPELINE_CONNECTIONS).sort()).toEqual([...PIPELINE_SERVICE_TYPES].sort());
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
    expect(defaults("Fivetran", { apiSecret: "s", apiKey: "k" })).toEqual({
      type: "Fivetran",
      apiKey: "k",
      hostPort: "https://api.fivetran.com",
      apiSecret: "s",
      limit: 1000,
      supportsMetadataExtraction: true,
    });
    expect(Object.keys(defaults("Fivetran", { apiSecret: "s", apiKey: "k" }))).toEqual([
      "type",
      "apiKey",
      "hostPort",
      "apiSecret",
      "limit",
      "supportsMetadataExtraction",
    ]);
    expect(defaults("Airbyte", { hostPort: "h" })).toMatchObject({ apiVersion: "api/v1", supportsMetadataExtraction: true });
  });

  test("§1.3: secret paths are the format: password properties", () => {
    expect(secrets("Fivetran")).toEqual(["apiSecret"]);
    expect(secrets("SageMaker")).toEqual(["awsConfig.awsSecretAccessKey"]);
    expect(secrets("VertexAI")).toEqual(["credentials.gcpConfig.privateKey"]);
    expect(secrets("Nifi")).toEqual(["nifiConfig.password"]);
    expect(secrets("Mlflow")).toEqual([]);
    expect(secrets("Stitch")).toEqual(["token"]);
    expect(secrets("Mulesoft")).toEqual(["authentication.password", "authentication.clientSecret"]);
  });

  test("§2.3: SSIS packageConnection is a local path string or an S3 connection", () => {
    const base = { databaseConnection: { type: "Mssql", username: "u" } };
    expect(validateConnection("SSIS", { config: { ...base, packageConnection: "/projects" } })).toEqual([]);
    expect(validateConnection("SSIS", { config: { ...base, packageConnection: { type: "S3", awsConfig: { awsRegion: "eu-west-1" } } } })).toEqual([]);
    expect(validateConnection("SSIS", { config: base })).toEqual(["connection.config.packageConnection is required for SSIS"]);
  });

  test("§2.3: Dagster's timeout and stripAssetKeyPrefix are integers with defaults 1000 and 0", () => {
    expect(defaults("Dagster", { host: "http://dagster" })).toMatchObject({ timeout: 1000, stripAssetKeyPrefix: 0 });
    expect(validateConnection("Dagster", { config: { host: "h", timeout: "10" } })[0]).toMatch(/timeout must be an integer/);
  });

  test("§8.1: one FQN part is quoted when it has a dot and no quote; children join their parent's FQN", () => {
    expect(quoteName("mlflow_prod")).toBe("mlflow_prod");
    expect(quoteName("ml flow")).toBe("ml flow");
    expect(quoteName("ml.flow")).toBe('"ml.flow"');
    expect(quoteName('"ml.flow"')).toBe('"ml.flow"');
    expect(quoteName('a"b.c')).toBe('a"b.c');
    expect(childFqn("mlflow_svc", "churn.v2")).toBe('mlflow_svc."churn.v2"');
    expect(childFqn('"ml.flow"', "churn")).toBe('"ml.flow".churn');
  });

  test("§8.2: entity names are 1..256 characters without ::", () => {
    expect(isValidEntityName("a")).toBe(true);
    expect(isValidEntityName("x".repeat(256))).toBe(true);
    expect(isValidEntityName("")).toBe(false);
    expect(isValidEntityName("x".repeat(257))).toBe(false);
    expect(isValidEntityName("a::b")).toBe(false);
    expect(isValidEntityName('we.ird/na"me %ü')).toBe(true);
    expect(isValidEntityName("line\nbreak")).toBe(false);
    expect(entityNameViolations("a::b")).toEqual(['must match "^((?!::).)*$"']);
    expect(entityNameViolations("")).toEqual(["size must be between 1 and 256"]);
  });

  (referenceRoot ? test : test.skip)("§8.2: the name rule is type/basic.json's entityName (skipped when ../shared/reference is absent)", () => {
    const { minLength, maxLength, pattern } = loadSchema("type/basic.json").node.definitions.entityName;
    expect(entityNameViolations("x".repeat(minLength))).toEqual([]);
    expect(entityNameViolations("x".repeat(maxLength))).toEqual([]);
    expect(entityNameViolations("x".repeat(maxLength + 1))).toEqual([`size must be between ${minLength} and ${maxLength}`]);
    const javaPattern = new RegExp(pattern as string, "u");
    for (const name of ["a::b", "a:b", "a.b", "::", 'q"b', "a\nb", "a\u2028b", "ok"]) {
      expect({ name, valid: isValidEntityName(name) }).toEqual({ name, valid: javaPattern.test(name) });
    }
  });
});
