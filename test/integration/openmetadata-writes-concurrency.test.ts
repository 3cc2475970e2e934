import { ManualClock } from "../../src/local-catalog/clock.js";
import { startStack, type Stack } from "../helpers/stack.js";

const MINUTE = 60_000;
const BOB = { id: "11111111-0000-4000-8000-000000000003", type: "user" };
const as = (user: string) => ({ authorization: `Bearer ${user}` });

const FIELDS = "id version description displayName updatedBy owners { name }";
const CREATE = `mutation($name: String!) { r: createMlModelService(input: { name: $name, serviceType: Sklearn, description: "original", displayName: "Original" }) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID, $i: UpdateMlModelServiceInput!, $v: Float) { r: updateMlModelService(id: $id, input: $i, expectedVersion: $v) { changed s: mlModelService { ${FIELDS} } } }`;
const PATCH = `mutation($id: ID, $o: [JsonPatchOperationInput!]!, $v: Float) { r: patchMlModelService(id: $id, operations: $o, expectedVersion: $v) { changed s: mlModelService { ${FIELDS} } } }`;
const READ = `query($id: ID) { r: mlModelService(id: $id) { ${FIELDS} } }`;

let stack: Stack;
const clock = new ManualClock();

beforeAll(async () => {
  stack = await startStack({ catalog: { clock } });
});
afterAll(() => stack.close());

async function create(name: string, user = "alice") {
  const answer = await stack.query(CREATE, { name }, as(user));
  expect(answer.errors).toBeUndefined();
  return answer.data.r;
}

describe("lost updates", () => {
  test.each([1, 2, 3, 4, 5])("two updates computed from the same version, run at once: exactly one applies, the other is CONFLICT (round %i)", async (round) => {
    const service = await create(`race_${round}`);
    stack.catalog.resetRequests();
    const a = { description: "from A", displayName: "A" };
    const b = { description: "from B", owners: [BOB] };
    const [first, second] = await Promise.all([
      stack.query(UPDATE, { id: service.id, i: a, v: service.version }, as("alice")),
      stack.query(UPDATE, { id: service.id, i: b, v: service.version }, as("bob")),
    ]);
    const outcomes = [first, second].map((answer) => (answer.errors ? answer.errors[0].extensions?.code : "applied"));
    expect(outcomes.sort()).toEqual(["CONFLICT", "applied"]);
    const loser = first.errors ? first : second;
    expect(loser.errors?.[0].extensions?.currentVersion).toBe(0.2);

    const after = (await stack.query(READ, { id: service.id }, as("alice"))).data.r;
    const winner = first.errors ? b : a;
    expect(after.version).toBe(0.2);
    expect(after.description).toBe(winner.description);
    expect(after.displayName).toBe(winner === a ? "A" : "Original");
    expect(after.owners.map((o: { name: string }) => o.name)).toEqual(winner === b ? ["bob"] : []);
    const patches = stack.upstream("/api/v1/services/").filter((r) => r.method === "PATCH");
    expect(patches.length).toBeLessThanOrEqual(2);
    expect(patches.every((p) => p.headers["if-match"] === 'W/"0.1"')).toBe(true);
  });
});

describe("version consolidation (contract §5.2)", () => {
  const setDescription = (id: string, text: string, user: string) =>
    stack.query(PATCH, { id, o: [{ op: "add", path: "/description", value: text }] }, as(user)).then((answer) => {
      expect(answer.errors).toBeUndefined();
      return answer.data.r.s;
    });

  test("the same user's second update within ten minutes keeps the version; another user's bumps it; so does the end of the window", async () => {
    const service = await create("consolidated");
    expect(service.version).toBe(0.1);
    expect((await setDescription(service.id, "one", "alice")).version).toBe(0.2);
    clock.advance(4 * MINUTE);
    expect(await setDescription(service.id, "two", "alice")).toMatchObject({ version: 0.2, description: "two", updatedBy: "alice" });
    clock.advance(4 * MINUTE);
    expect(await setDescription(service.id, "three", "bob")).toMatchObject({ version: 0.3, updatedBy: "bob" });
    clock.advance(11 * MINUTE);
    expect((await setDescription(service.id, "four", "bob")).version).toBe(0.4);
  });

  test("update… is always conditional (If-Match), and conditional writes never consolidate", async () => {
    const service = await create("conditional");
    const first = await stack.query(UPDATE, { id: service.id, i: { description: "one" } }, as("alice"));
    clock.advance(MINUTE);
    const second = await stack.query(UPDATE, { id: service.id, i: { description: "two" } }, as("alice"));
    expect([first.data.r.s.version, second.data.r.s.version]).toEqual([0.2, 0.3]);
  });
});
