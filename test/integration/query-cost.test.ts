import { SAMPLE_QUERY } from "../../src/graphiql.js";
import { startStack, type Stack } from "../helpers/stack.js";

describe("the cost limit counts lists with their size", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.catalog.resetRequests());

  test.each([
    ["four nested versions", `{ mlModelService(fullyQualifiedName: "mlflow_svc") { versions { versions { versions { versions { version } } } } } }`],
    ["two nested versions", `{ mlModelService(fullyQualifiedName: "mlflow_svc") { versions { versions { version } } } }`],
    ["versions of every service of a large page", `{ mlModelServices(first: 200) { nodes { versions { version description } } } }`],
  ])("%s: refused before any upstream call", async (_name, query) => {
    const answer = await stack.query(query);
    expect(answer.status).toBe(400);
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    expect(answer.errors?.[0].message).toMatch(/^Query Cost limit of 10000 exceeded, found \d+/);
    expect(stack.upstream()).toEqual([]);
  });

  test("a page size sent as a variable counts with its value", async () => {
    const query = `query($n: Int) { deployments(first: $n) { nodes { id model { deployments { id name } } } } }`;
    const small = await stack.query(query, { n: 2 });
    expect(small.errors).toBeUndefined();
    stack.catalog.resetRequests();
    const large = await stack.query(query, { n: 1000 });
    expect(large.status).toBe(400);
    expect(large.errors?.[0].message).toMatch(/^Query Cost limit/);
    expect(stack.upstream()).toEqual([]);
  });

  test("one level of versions and GraphiQL's sample query stay within the limit", async () => {
    const versions = await stack.query(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { versions { version } } }`);
    expect(versions.errors).toBeUndefined();
    const sample = await stack.query(SAMPLE_QUERY);
    expect(sample.errors).toBeUndefined();
  });
});
