import type { Container } from "./guard.js";
import { REDEPLOY_OUTCOME_KEY } from "./lifecycle.js";
import { HARDWARE_SPECS, SOFTWARE_SPECS } from "./specs.js";
import type { AssetRel, DataSchema, DeploymentDoc, ModelDoc, WmlStore } from "./store.js";

/** The deployment space that holds every sample model and deployment (docs/upstream/wml.md §1.3). */
export const SAMPLE_SPACE_ID = "5f1d6c3e-2a4b-4c8d-9e0f-a1b2c3d4e5f6";

/** The IAM id that owns every sample resource and, by default, everything created later (docs/upstream/wml.md §1.5). */
export const SAMPLE_OWNER = "IBMid-6600000LC1";

/** Fixed ids of the sample models (docs/upstream/wml.md §5); two scikit-learn regressors share one input schema. */
export const SAMPLE_MODEL_IDS = {
  /** Diabetes ridge regressor; revisions "1" and "2"; the diabetes input schema. */
  diabetesRidge: "3b8f2c41-6d0e-4a7b-9c15-2e4f6a8b0c11",
  /** Diabetes gradient boosting; revision "1"; the same diabetes input schema. */
  diabetesBoosting: "7c2d9e13-1f4a-4b6c-8d20-3a5b7c9d1e22",
  /** Churn classifier; revision "1"; a different input schema. */
  churn: "a4e6f835-2b7c-4d9e-8f31-4b6c8d0e2f33",
  /** Diabetes schema, scripted to roll back when patched in (`custom.local_catalog_redeploy: "rollback"`). */
  diabetesRollback: "c5f7a946-3c8d-4e0f-9a42-5c7d9e1f3a44",
  /** Diabetes schema, scripted to fail when patched in (`custom.local_catalog_redeploy: "fail"`). */
  diabetesFail: "d6a8b057-4d9e-4f1a-8b53-6d8e0f2a4b55",
} as const;

/** Fixed ids of the sample deployments, all `ready` (docs/upstream/wml.md §4). */
export const SAMPLE_DEPLOYMENT_IDS = {
  /** Online, ridge rev "2", serving name `diabetes_v1`, tags `team-a`, `diabetes`, custom `{owner_team: "a"}`. */
  diabetesOnline: "e1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c66",
  /** Online, ridge rev "1" (shares the model with `diabetesOnline`), tags `team-a`, `canary`. */
  diabetesCanary: "f2c3d4e5-6f7a-4b8c-9d0e-1f2a3b4c5d77",
  /** Online, boosting rev "1", tags `team-b`, `diabetes`. */
  diabetesBoosting: "0a3d4e5f-7a8b-4c9d-8e1f-2a3b4c5d6e88",
  /** Online, churn rev "1", tags `team-c`, `churn`, custom `{sla: "gold"}`. */
  churnOnline: "1b4e5f6a-8b9c-4d0e-9f2a-3b4c5d6e7f99",
  /** Batch, churn without rev (its current content), tags `team-c`. */
  churnBatch: "2c5f6a7b-9c0d-4e1f-8a3b-4c5d6e7f8aaa",
  /** Online, ridge without rev, tags `team-b`. */
  diabetesLatest: "3d6a7b8c-0d1e-4f2a-9b4c-5d6e7f8a9bbb",
} as const;

/** The serving name the sample data uses (docs/upstream/wml.md §4.3). */
export const SAMPLE_SERVING_NAME = "diabetes_v1";

const DIABETES_FIELDS = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"];

/** The diabetes regressors' input schema, datarecord-metadata-v2 shaped (docs/upstream/wml.md §5.1). */
export const DIABETES_INPUT_SCHEMA: DataSchema = {
  id: "diabetes_input",
  name: "diabetes features",
  type: "struct",
  fields: DIABETES_FIELDS.map((name) => ({ name, type: "double", nullable: false, metadata: { modeling_role: "input", measure: "range" } })),
};

/** The churn classifier's input schema, different from the diabetes one (docs/upstream/wml.md §5.1). */
export const CHURN_INPUT_SCHEMA: DataSchema = {
  id: "churn_input",
  name: "customer features",
  type: "struct",
  fields: [
    { name: "tenure_months", type: "integer", nullable: false, metadata: { modeling_role: "input" } },
    { name: "monthly_charges", type: "double", nullable: false, metadata: { modeling_role: "input" } },
    { name: "contract", type: "string", nullable: true, metadata: { modeling_role: "input", measure: "discrete", values: ["monthly", "yearly", "two-year"] } },
    { name: "support_calls", type: "integer", nullable: true, metadata: { modeling_role: "input" } },
  ],
};

/** The sample space every sample resource above lives in. */
export const SPACE: Container = { kind: "space", id: SAMPLE_SPACE_ID };
const runtime = SOFTWARE_SPECS.find((s) => s.name === "runtime-23.1-py3.10")!;
const small = HARDWARE_SPECS.find((s) => s.name === "S")!;

interface SampleModel {
  id: string;
  name: string;
  description: string;
  tags: string[];
  schema: DataSchema;
  label: string;
  custom?: Record<string, unknown>;
  revisions: number;
  day: number;
}

const MODELS: SampleModel[] = [
  { id: SAMPLE_MODEL_IDS.diabetesRidge, name: "Diabetes progression (ridge)", description: "scikit-learn ridge regression on the diabetes data set", tags: ["diabetes", "regression"], schema: DIABETES_INPUT_SCHEMA, label: "progression", revisions: 2, day: 3 },
  { id: SAMPLE_MODEL_IDS.diabetesBoosting, name: "Diabetes progression (gradient boosting)", description: "scikit-learn gradient boosting on the diabetes data set", tags: ["diabetes", "regression"], schema: DIABETES_INPUT_SCHEMA, label: "progression", revisions: 1, day: 4 },
  { id: SAMPLE_MODEL_IDS.churn, name: "Customer churn classifier", description: "scikit-learn random forest predicting churn", tags: ["churn", "classification"], schema: CHURN_INPUT_SCHEMA, label: "churned", revisions: 1, day: 5 },
  { id: SAMPLE_MODEL_IDS.diabetesRollback, name: "Diabetes progression (lasso, rolls back)", description: "Redeploying onto this model rolls back", tags: ["diabetes", "scripted"], schema: DIABETES_INPUT_SCHEMA, label: "progression", custom: { [REDEPLOY_OUTCOME_KEY]: "rollback" }, revisions: 1, day: 6 },
  { id: SAMPLE_MODEL_IDS.diabetesFail, name: "Diabetes progression (elastic net, fails)", description: "Redeploying onto this model fails", tags: ["diabetes", "scripted"], schema: DIABETES_INPUT_SCHEMA, label: "progression", custom: { [REDEPLOY_OUTCOME_KEY]: "fail" }, revisions: 1, day: 7 },
];

interface SampleDeployment {
  id: string;
  name: string;
  description: string;
  tags: string[];
  asset: AssetRel;
  kind: "online" | "batch";
  servingName?: string;
  custom?: Record<string, unknown>;
  day: number;
}

const DEPLOYMENTS: SampleDeployment[] = [
  { id: SAMPLE_DEPLOYMENT_IDS.diabetesOnline, name: "Diabetes online", description: "Ridge regressor, revision 2", tags: ["team-a", "diabetes"], asset: { id: SAMPLE_MODEL_IDS.diabetesRidge, rev: "2" }, kind: "online", servingName: SAMPLE_SERVING_NAME, custom: { owner_team: "a" }, day: 10 },
  { id: SAMPLE_DEPLOYMENT_IDS.diabetesCanary, name: "Diabetes canary", description: "Ridge regressor, revision 1", tags: ["team-a", "canary"], asset: { id: SAMPLE_MODEL_IDS.diabetesRidge, rev: "1" }, kind: "online", day: 11 },
  { id: SAMPLE_DEPLOYMENT_IDS.diabetesBoosting, name: "Diabetes boosting", description: "Gradient boosting, revision 1", tags: ["team-b", "diabetes"], asset: { id: SAMPLE_MODEL_IDS.diabetesBoosting, rev: "1" }, kind: "online", day: 12 },
  { id: SAMPLE_DEPLOYMENT_IDS.churnOnline, name: "Churn scoring", description: "Churn classifier, revision 1", tags: ["team-c", "churn"], asset: { id: SAMPLE_MODEL_IDS.churn, rev: "1" }, kind: "online", custom: { sla: "gold" }, day: 13 },
  { id: SAMPLE_DEPLOYMENT_IDS.churnBatch, name: "Churn nightly batch", description: "Churn classifier, current content", tags: ["team-c"], asset: { id: SAMPLE_MODEL_IDS.churn }, kind: "batch", day: 14 },
  { id: SAMPLE_DEPLOYMENT_IDS.diabetesLatest, name: "Diabetes latest", description: "Ridge regressor, current content", tags: ["team-b"], asset: { id: SAMPLE_MODEL_IDS.diabetesRidge }, kind: "online", day: 15 },
];

function at(day: number, minute = 0): string {
  return new Date(Date.UTC(2025, 10, day, 9, minute)).toISOString();
}

/**
 * Writes the sample space's models (with revisions) and `ready` deployments under the fixed ids above;
 * timestamps are fixed in November 2025 so documentation can quote them (docs/upstream/wml.md §4, §5).
 */
export function seedWmlSamples(store: WmlStore): void {
  store.transaction(() => {
    for (const m of MODELS) {
      const created = at(m.day);
      const model: ModelDoc = {
        metadata: {
          id: m.id,
          name: m.name,
          description: m.description,
          tags: [...m.tags],
          created_at: created,
          modified_at: created,
          owner: SAMPLE_OWNER,
          space_id: SAMPLE_SPACE_ID,
          resource_key: `${m.id.slice(0, 24)}${"0".repeat(12)}`,
          commit_info: { committed_at: created },
        },
        entity: {
          type: "scikit-learn_1.3",
          software_spec: { ...runtime },
          schemas: { input: [structuredClone(m.schema)], output: [] },
          label_column: m.label,
          hybrid_pipeline_software_specs: [],
          ...(m.custom && { custom: { ...m.custom } }),
        },
      };
      store.insertModel(SPACE, model);
      for (let rev = 1; rev <= m.revisions; rev++) {
        const committed = at(m.day, rev * 5);
        if (rev > 1) model.metadata.description = `${m.description} (retrained, revision ${rev})`;
        const revision = structuredClone(model);
        revision.metadata.rev = String(rev);
        revision.metadata.commit_info = { committed_at: committed, commit_message: rev === 1 ? "Initial model." : `Retrained model, revision ${rev}.` };
        model.metadata.commit_info = { committed_at: committed };
        store.addRevision(model, revision);
      }
    }
    for (const d of DEPLOYMENTS) {
      const created = at(d.day);
      const doc: DeploymentDoc = {
        metadata: { id: d.id, name: d.name, description: d.description, tags: [...d.tags], created_at: created, modified_at: created, owner: SAMPLE_OWNER, space_id: SAMPLE_SPACE_ID },
        entity: {
          asset: { ...d.asset },
          custom: { ...d.custom },
          deployed_asset_type: "model",
          description: d.description,
          hardware_spec: d.kind === "online" ? { ...small, num_nodes: 1 } : { ...small },
          name: d.name,
          [d.kind]: d.servingName ? { parameters: { serving_name: d.servingName } } : {},
          space_id: SAMPLE_SPACE_ID,
          tags: [...d.tags],
          status: { state: "ready" },
        },
      };
      store.insertDeployment(SPACE, { doc, pending: [] });
    }
  });
}
