import { deploymentTarget } from "../../../src/openmetadata/mlmodel/deployment.js";
import { maskSecrets } from "../../../src/openmetadata/service/secret-keys.js";

describe("MlModel.server as a WML prediction URL", () => {
  const id = "0f0e2c4b-6a1d-4c83-9a56-2f6f0a3d5e71";

  test.each([
    [`https://us-south.ml.cloud.ibm.com/ml/v4/deployments/${id}/predictions?version=2024-05-01`, { by: "id", id }],
    [`http://127.0.0.1:8585/ml/v4/deployments/${id.toUpperCase()}/predictions`, { by: "id", id: id.toUpperCase() }],
    ["https://wml.example/ml/v4/deployments/churn_scoring/predictions", { by: "servingName", servingName: "churn_scoring" }],
    ["https://wml.example/prefix/ml/v4/deployments/diabetes/predictions", { by: "servingName", servingName: "diabetes" }],
  ])("%s names a deployment", (server, target) => {
    expect(deploymentTarget(server)).toEqual(target);
  });

  test.each([
    [undefined],
    [null],
    [""],
    ["not a url"],
    ["https://mlflow.example/invocations"],
    [`https://wml.example/ml/v4/deployments/${id}`],
    [`https://wml.example/ml/v4/deployments/${id}/predictions/extra`],
    [`https://wml.example/ml/v4/models/${id}/predictions`],
  ])("%s names none", (server) => {
    expect(deploymentTarget(server)).toBeNull();
  });
});

describe("secrets in upstream messages", () => {
  test("values of secret-named keys, at any depth, are masked; other values and masks are left", () => {
    const sent = { config: { type: "Fivetran", apiKey: "k-123", apiSecret: "s-456", nested: { password: "p-789", host: "h" }, token: "*********" } };
    const message = "bad apiKey k-123, apiSecret s-456, password p-789 for host h";
    expect(maskSecrets(message, sent)).toBe("bad apiKey *********, apiSecret *********, password ********* for host h");
    expect(maskSecrets("nothing to hide", undefined)).toBe("nothing to hide");
  });
});
