import { startStack, type Stack } from "../helpers/stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

test("a query reaches the local catalog through the gateway", async () => {
  const answer = await stack.query(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { name serviceType } }`);
  expect(answer.errors).toBeUndefined();
  expect(answer.data.mlModelService).toEqual({ name: "mlflow_svc", serviceType: "Mlflow" });
});
