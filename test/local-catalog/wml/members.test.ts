import { SAMPLE_OWNER } from "../../../src/local-catalog/wml/sample-data.js";
import { LAB_DEPLOYMENT_IDS, LAB_MEMBERS, LAB_MODEL_IDS, LAB_PROJECT_ID, LAB_SPACE_ID } from "../../../src/local-catalog/wml/sample-lab.js";
import { startWml, type WmlHarness } from "./wml-client.js";

let wml: WmlHarness;
beforeAll(async () => {
  wml = await startWml();
});
afterAll(() => wml.close());

test("§13: a member is answered with id, role, state and type; someone who left is 404", async () => {
  const admin = await wml.call("GET", `/v2/spaces/${LAB_SPACE_ID}/members/${SAMPLE_OWNER}`, { space: null });
  expect(admin.status).toBe(200);
  expect(admin.body).toEqual({ id: SAMPLE_OWNER, role: "admin", state: "active", type: "user" });
  const departed = await wml.call("GET", `/v2/spaces/${LAB_SPACE_ID}/members/${LAB_MEMBERS.departed}`, { space: null });
  expect(departed.status).toBe(404);
  expect(departed.body.errors[0].code).toBe("member_not_found");
  const list = await wml.call("GET", `/v2/spaces/${LAB_SPACE_ID}/members`, { space: null, query: { state: "pending" } });
  expect(list.body.resources).toEqual([{ id: LAB_MEMBERS.pending, role: "editor", state: "pending", type: "user" }]);
});

test("§13: the members API takes the same bearer token as WML", async () => {
  const answer = await wml.call("GET", `/v2/spaces/${LAB_SPACE_ID}/members/${SAMPLE_OWNER}`, { space: null, token: null });
  expect(answer.status).toBe(401);
});

test("the lab space holds a deployment whose owner is not a member", async () => {
  const deployment = await wml.call("GET", `/ml/v4/deployments/${LAB_DEPLOYMENT_IDS.orphaned}`, { space: LAB_SPACE_ID });
  expect(deployment.status).toBe(200);
  expect(deployment.body.metadata.owner).toBe(LAB_MEMBERS.departed);
});

test("§1.3: the lab project's model is read with project_id, and is not in any space", async () => {
  const inProject = await wml.call("GET", `/ml/v4/models/${LAB_MODEL_IDS.projectRidge}`, { space: null, query: { project_id: LAB_PROJECT_ID } });
  expect(inProject.status).toBe(200);
  expect(inProject.body.metadata).toMatchObject({ project_id: LAB_PROJECT_ID, commit_info: { committed_at: expect.any(String) } });
  expect(inProject.body.metadata.space_id).toBeUndefined();
  expect((await wml.call("GET", `/ml/v4/models/${LAB_MODEL_IDS.projectRidge}`, { space: LAB_SPACE_ID })).status).toBe(404);
  const revisions = await wml.call("GET", `/ml/v4/models/${LAB_MODEL_IDS.projectRidge}/revisions`, { space: null, query: { project_id: LAB_PROJECT_ID } });
  expect(revisions.body.resources.map((r: { metadata: { rev: string } }) => r.metadata.rev)).toEqual(["1"]);
});

test("§4.3: conflict=true answers 409 for the lab's serving name without a container", async () => {
  const taken = await wml.call("GET", "/ml/v4/deployments", { space: null, query: { serving_name: "lab_ridge", conflict: "true" } });
  expect(taken.status).toBe(409);
  const free = await wml.call("GET", "/ml/v4/deployments", { space: null, query: { serving_name: "lab_free", conflict: "true" } });
  expect(free.status).toBe(200);
});
