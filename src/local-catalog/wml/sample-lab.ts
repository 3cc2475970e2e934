import type { Container } from "./guard.js";
import type { SpaceMembers } from "./members.js";
import { DIABETES_INPUT_SCHEMA, CHURN_INPUT_SCHEMA, SAMPLE_OWNER, SPACE } from "./sample-data.js";
import { HARDWARE_SPECS, SOFTWARE_SPECS } from "./specs.js";
import type { DataSchema, DeploymentDoc, ModelDoc, WmlStore } from "./store.js";

/**
 * A second sample space for replacing a deployment's asset safely (the seed's "Updating a deployment"):
 * models that differ from the deployed one in exactly one way each, a deployment whose owner has left the
 * space, and members to check owners against (docs/upstream/wml.md §4.6.3 item 4, §13).
 */
export const LAB_SPACE_ID = "8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d";

/** A sample project holding a model, for the project side of model operations (docs/upstream/wml.md §1.3). */
export const LAB_PROJECT_ID = "9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e";

/** IAM ids of the lab's people: an editor, a pending invitee, and the owner who left. */
export const LAB_MEMBERS = {
  editor: "IBMid-6600000ED1",
  pending: "IBMid-6600000PND",
  departed: "IBMid-6600000LFT",
} as const;

/** Fixed ids of the lab models; each has revision "1". */
export const LAB_MODEL_IDS = {
  /** scikit-learn_1.3 on runtime-23.1-py3.10 with the diabetes schema: what the lab deployments run. */
  ridge: "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e01",
  /** Same as `ridge`, its input fields in another order: compatible. */
  ridgeReordered: "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e02",
  /** xgboost_1.6 on the same runtime and schema: another framework. */
  xgboost: "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e03",
  /** scikit-learn_1.3 on runtime-24.1-py3.11: another software specification. */
  newerRuntime: "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e04",
  /** scikit-learn_1.3, no input schema. */
  noSchema: "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e05",
  /** scikit-learn_1.3, the churn input schema. */
  churnSchema: "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e06",
  /** The ridge model's copy in the lab project. */
  projectRidge: "4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e07",
} as const;

/** Fixed ids of the lab deployments, both online and `ready` on `ridge` revision "1". */
export const LAB_DEPLOYMENT_IDS = {
  /** Owned by the sample owner, an admin of the lab space; serving name `lab_ridge`. */
  ridge: "5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f01",
  /** Owned by `LAB_MEMBERS.departed`, who has left the space. */
  orphaned: "5d6e7f8a-9b0c-4d1e-8f2a-3b4c5d6e7f02",
} as const;

const LAB: Container = { kind: "space", id: LAB_SPACE_ID };
const PROJECT: Container = { kind: "project", id: LAB_PROJECT_ID };
const runtime = (name: string) => ({ ...SOFTWARE_SPECS.find((s) => s.name === name)! });
const small = HARDWARE_SPECS.find((s) => s.name === "S")!;
const reordered: DataSchema = { ...DIABETES_INPUT_SCHEMA, fields: [...DIABETES_INPUT_SCHEMA.fields].reverse() };

const MODELS: Array<{ id: string; name: string; type: string; runtime: string; schema?: DataSchema; container: Container }> = [
  { id: LAB_MODEL_IDS.ridge, name: "Lab ridge", type: "scikit-learn_1.3", runtime: "runtime-23.1-py3.10", schema: DIABETES_INPUT_SCHEMA, container: LAB },
  { id: LAB_MODEL_IDS.ridgeReordered, name: "Lab ridge, fields reordered", type: "scikit-learn_1.3", runtime: "runtime-23.1-py3.10", schema: reordered, container: LAB },
  { id: LAB_MODEL_IDS.xgboost, name: "Lab xgboost", type: "xgboost_1.6", runtime: "runtime-23.1-py3.10", schema: DIABETES_INPUT_SCHEMA, container: LAB },
  { id: LAB_MODEL_IDS.newerRuntime, name: "Lab ridge on a newer runtime", type: "scikit-learn_1.3", runtime: "runtime-24.1-py3.11", schema: DIABETES_INPUT_SCHEMA, container: LAB },
  { id: LAB_MODEL_IDS.noSchema, name: "Lab ridge without a schema", type: "scikit-learn_1.3", runtime: "runtime-23.1-py3.10", container: LAB },
  { id: LAB_MODEL_IDS.churnSchema, name: "Lab churn", type: "scikit-learn_1.3", runtime: "runtime-23.1-py3.10", schema: CHURN_INPUT_SCHEMA, container: LAB },
  { id: LAB_MODEL_IDS.projectRidge, name: "Project ridge", type: "scikit-learn_1.3", runtime: "runtime-23.1-py3.10", schema: DIABETES_INPUT_SCHEMA, container: PROJECT },
];

const created = new Date(Date.UTC(2025, 10, 20, 9, 0)).toISOString();
const committed = new Date(Date.UTC(2025, 10, 20, 9, 5)).toISOString();

/** Writes the lab space, the lab project and the members of both sample spaces. */
export function seedLabSamples(store: WmlStore, members: SpaceMembers): void {
  store.transaction(() => {
    members.add(SPACE.id, { id: SAMPLE_OWNER, role: "admin", state: "active", type: "user" });
    members.add(LAB_SPACE_ID, { id: SAMPLE_OWNER, role: "admin", state: "active", type: "user" });
    members.add(LAB_SPACE_ID, { id: LAB_MEMBERS.editor, role: "editor", state: "active", type: "user" });
    members.add(LAB_SPACE_ID, { id: LAB_MEMBERS.pending, role: "editor", state: "pending", type: "user" });
    for (const m of MODELS) {
      const model: ModelDoc = {
        metadata: {
          id: m.id,
          name: m.name,
          tags: ["lab"],
          created_at: created,
          modified_at: created,
          owner: SAMPLE_OWNER,
          ...(m.container.kind === "space" ? { space_id: m.container.id } : { project_id: m.container.id }),
          resource_key: `${m.id.slice(0, 24)}${"0".repeat(12)}`,
          commit_info: { committed_at: committed },
        },
        entity: {
          type: m.type,
          software_spec: runtime(m.runtime),
          ...(m.schema && { schemas: { input: [structuredClone(m.schema)], output: [] } }),
          hybrid_pipeline_software_specs: [],
        },
      };
      store.insertModel(m.container, model);
      const revision = structuredClone(model);
      revision.metadata.rev = "1";
      revision.metadata.commit_info = { committed_at: committed, commit_message: "Initial model." };
      store.addRevision(model, revision);
    }
    const deployments = [
      { id: LAB_DEPLOYMENT_IDS.ridge, name: "Lab ridge online", owner: SAMPLE_OWNER, servingName: "lab_ridge" },
      { id: LAB_DEPLOYMENT_IDS.orphaned, name: "Lab orphaned deployment", owner: LAB_MEMBERS.departed, servingName: undefined },
    ];
    for (const d of deployments) {
      const doc: DeploymentDoc = {
        metadata: { id: d.id, name: d.name, tags: ["lab"], created_at: created, modified_at: created, owner: d.owner, space_id: LAB_SPACE_ID },
        entity: {
          asset: { id: LAB_MODEL_IDS.ridge, rev: "1" },
          custom: {},
          deployed_asset_type: "model",
          hardware_spec: { ...small, num_nodes: 1 },
          name: d.name,
          online: d.servingName ? { parameters: { serving_name: d.servingName } } : {},
          space_id: LAB_SPACE_ID,
          tags: ["lab"],
          status: { state: "ready" },
        },
      };
      store.insertDeployment(LAB, { doc, pending: [] });
    }
  });
}
