import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { SAMPLE_ML_SERVICES, SAMPLE_PIPELINE_SERVICES } from "../../../src/local-catalog/openmetadata/sample-data.js";
import { ML, PIPE, mlflowRequest, startTestCatalog, type TestCatalog } from "./helpers.js";

let t: TestCatalog;
beforeAll(async () => {
  t = await startTestCatalog();
});
afterAll(async () => {
  await t.close();
});

describe("§8 FQN quoting and odd names", () => {
  test("§8.1: a name with a dot gets a quoted FQN; spaces do not trigger quoting; a name with \" is unchanged", async () => {
    expect((await t.call("POST", ML, { body: mlflowRequest("ml.flow") })).json.fullyQualifiedName).toBe('"ml.flow"');
    expect((await t.call("POST", ML, { body: mlflowRequest("ml flow prod") })).json.fullyQualifiedName).toBe("ml flow prod");
    expect((await t.call("POST", ML, { body: mlflowRequest('a"b') })).json.fullyQualifiedName).toBe('a"b');
  });

  test("§8.1: an already quoted name keeps its FQN and collides with the unquoted one", async () => {
    await t.call("POST", ML, { body: mlflowRequest("q.one") });
    const answer = await t.call("POST", ML, { body: mlflowRequest('"q.one"') });
    expect(answer.status).toBe(409);
  });

  test("§8.3: /name/ml.flow and /name/%22ml.flow%22 both resolve the same service", async () => {
    const a = await t.call("GET", `${ML}/name/ml.flow`);
    const b = await t.call("GET", `${ML}/name/${encodeURIComponent('"ml.flow"')}`);
    expect(a.status).toBe(200);
    expect(b.json.id).toBe(a.json.id);
  });

  test.each([
    ["dot and slash", SAMPLE_ML_SERVICES.teamRegistry.name, '"team.ml/registry"'],
    ["spaces and unicode", SAMPLE_ML_SERVICES.unicodeModels.name, "Modèles ünïcode"],
  ])("§8: the seeded name with %s works by id and by name", async (_label, name, fqn) => {
    const byName = await t.call("GET", `${ML}/name/${encodeURIComponent(name)}`);
    expect(byName.status).toBe(200);
    expect(byName.json.fullyQualifiedName).toBe(fqn);
    expect((await t.call("GET", `${ML}/${byName.json.id}`)).json.name).toBe(name);
  });

  test.each(["per%cent", 'quo"te', "sl/ash", "dot.ted", "sp ace", "ünï©ødé 名前", "mix. %/\"ü x"])(
    "§8: the name %j works through POST, GET by name, PATCH by name, DELETE by name",
    async (name) => {
      const created = await t.call("POST", PIPE, { body: { name, serviceType: "Spark" } });
      expect(created.status).toBe(201);
      const segment = encodeURIComponent(name);
      expect((await t.call("GET", `${PIPE}/name/${segment}`)).json.id).toBe(created.json.id);
      const patched = await t.call("PATCH", `${PIPE}/name/${segment}`, { body: [{ op: "add", path: "/description", value: "odd" }] });
      expect(patched.json.description).toBe("odd");
      expect((await t.call("DELETE", `${PIPE}/name/${segment}?hardDelete=true`)).status).toBe(200);
      expect((await t.call("GET", `${PIPE}/${created.json.id}?include=all`)).status).toBe(404);
    },
  );

  test("§8.3: the seeded name with quotes and percent resolves by name", async () => {
    const name = SAMPLE_PIPELINE_SERVICES.nightlyEtl.name;
    const answer = await t.call("GET", `${PIPE}/name/${encodeURIComponent(name)}`);
    expect(answer.json).toMatchObject({ id: SAMPLE_PIPELINE_SERVICES.nightlyEtl.id, fullyQualifiedName: name });
  });
});

describe("§3.1 paging", () => {
  test("§3.1: 25 services page by 10 forwards and backwards, ordered by name, with opaque base64url cursors", async () => {
    const other = await startTestCatalog({}, false);
    try {
      const names = Array.from({ length: 25 }, (_, i) => `svc_${String(i).padStart(2, "0")}`);
      for (const name of [...names].reverse()) expect((await other.call("POST", PIPE, { body: { name, serviceType: "Spark" } })).status).toBe(201);
      const pages: string[][] = [];
      let answer = await other.call("GET", `${PIPE}?limit=10`);
      expect(answer.json.paging.before).toBeUndefined();
      for (;;) {
        expect(answer.json.paging.total).toBe(25);
        pages.push(answer.json.data.map((s: { name: string }) => s.name));
        if (!answer.json.paging.after) break;
        const cursor = JSON.parse(Buffer.from(answer.json.paging.after, "base64url").toString("utf8"));
        expect(Object.keys(cursor)).toEqual(["name", "id"]);
        answer = await other.call("GET", `${PIPE}?limit=10&after=${encodeURIComponent(answer.json.paging.after)}`);
      }
      expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
      expect(pages.flat()).toEqual(names);
      expect(answer.json.paging.before).toBeDefined();
      const back: string[][] = [];
      for (;;) {
        const before = answer.json.paging.before;
        if (!before) break;
        answer = await other.call("GET", `${PIPE}?limit=10&before=${encodeURIComponent(before)}`);
        expect(answer.json.paging.after).toBeDefined();
        back.push(answer.json.data.map((s: { name: string }) => s.name));
      }
      expect(back).toEqual([names.slice(10, 20), names.slice(0, 10)]);
    } finally {
      await other.close();
    }
  });

  test("§3.1: a garbage cursor → 400", async () => {
    expect((await t.call("GET", `${PIPE}?after=%%%`)).status).toBe(400);
  });
});
