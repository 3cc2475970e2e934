import { DEFAULT_WML_API_VERSION } from "../src/config.js";
import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS, SAMPLE_OWNER, SAMPLE_SPACE_ID } from "../src/local-catalog/wml/sample-data.js";

export { SAMPLE_SPACE_ID };
import type { LoadRequest } from "./load.js";

/** The bearer token the harness uses on the local catalog's OpenMetadata part (any token is `admin`). */
export const OPENMETADATA_TOKEN = "admin";
/** Any bearer token is accepted by the local catalog's WML part. */
export const WML_TOKEN = "bench";

/** The services the harness seeds (`bench_svc_00` … `bench_svc_49`), each with an owner and a tag. */
export const SEEDED_SERVICES = Array.from({ length: 50 }, (_, i) => `bench_svc_${String(i).padStart(2, "0")}`);

/** The service whose 50 models the harness seeds (`bench_model_00` …), and the one holding 10 models served on WML. */
export const MODELS_SERVICE = SEEDED_SERVICES[0];
export const DEPLOYED_MODELS_SERVICE = SEEDED_SERVICES[1];
export const SEEDED_MODELS = Array.from({ length: 50 }, (_, i) => `bench_model_${String(i).padStart(2, "0")}`);

/** The WML deployments the 10 deployed models name in `server`, two models each. */
export const MODEL_DEPLOYMENTS = [
  SAMPLE_DEPLOYMENT_IDS.diabetesOnline,
  SAMPLE_DEPLOYMENT_IDS.diabetesCanary,
  SAMPLE_DEPLOYMENT_IDS.diabetesBoosting,
  SAMPLE_DEPLOYMENT_IDS.churnOnline,
  SAMPLE_DEPLOYMENT_IDS.churnBatch,
];

/** One benchmark scenario: an operation through the gateway, and the REST calls that do the same work directly. */
export interface Scenario {
  name: string;
  /** The GraphQL requests, sent in turn on each connection (two alternate values for a write). */
  gateway: LoadRequest[];
  /** The REST calls one operation needs, sent in turn on each connection, straight to the upstream. */
  direct: LoadRequest[];
  /**
   * The upstream calls one operation should cost: one per distinct upstream resource it reads, and for a
   * write the read it diffs against plus the write itself.
   */
  expectedCalls: number;
  /** The n-th operation of the call count, when each must differ (a write that must change something every time). */
  countWith?: (n: number) => LoadRequest;
}

const OM = { authorization: `Bearer ${OPENMETADATA_TOKEN}` };
const WML = { authorization: `Bearer ${WML_TOKEN}` };
const WML_QUERY = `version=${DEFAULT_WML_API_VERSION}&space_id=${SAMPLE_SPACE_ID}`;
const SERVICES = "/api/v1/services/mlmodelServices";

function graphql(query: string, variables?: Record<string, unknown>): LoadRequest {
  return { method: "POST", path: "/graphql", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) };
}

function omGet(path: string): LoadRequest {
  return { method: "GET", path, headers: OM };
}

function patchDescription(name: string, description: string): LoadRequest {
  return {
    method: "PATCH",
    path: `${SERVICES}/name/${encodeURIComponent(name)}`,
    headers: { ...OM, "content-type": "application/json-patch+json" },
    body: JSON.stringify([{ op: "add", path: "/description", value: description }]),
  };
}

const ten = SEEDED_SERVICES.slice(0, 10);
const DEPLOYMENT = SAMPLE_DEPLOYMENT_IDS.diabetesOnline;
const DEPLOYED_MODEL = SAMPLE_MODEL_IDS.diabetesRidge;
/** The revision the sample deployment runs (its `asset.rev`). */
const DEPLOYED_REV = "2";

/** The scenarios of issue 6, in report order. */
export const SCENARIOS: Scenario[] = [
  {
    name: "one service by FQN",
    gateway: [graphql(`{ mlModelService(fullyQualifiedName: "mlflow_svc") { id name fullyQualifiedName serviceType description version } }`)],
    direct: [omGet(`${SERVICES}/name/mlflow_svc`)],
    expectedCalls: 1,
  },
  {
    name: "ten distinct services by aliases",
    gateway: [graphql(`{ ${ten.map((name, i) => `s${i}: mlModelService(fullyQualifiedName: "${name}") { id name version }`).join(" ")} }`)],
    direct: ten.map((name) => omGet(`${SERVICES}/name/${name}`)),
    expectedCalls: 10,
  },
  {
    name: "a page of 50 services with owners and tags",
    gateway: [graphql(`{ mlModelServices(first: 50) { nodes { id name owners { id name } tags { tagFQN } } pageInfo { hasNextPage } } }`)],
    direct: [omGet(`${SERVICES}?limit=50&fields=owners,tags`)],
    expectedCalls: 1,
  },
  {
    name: "_entities with 50 representations",
    gateway: [
      graphql(`query ($r: [_Any!]!) { _entities(representations: $r) { ... on MlModelService { id name version } } }`, {
        r: SEEDED_SERVICES.map((fullyQualifiedName) => ({ __typename: "MlModelService", fullyQualifiedName })),
      }),
    ],
    direct: SEEDED_SERVICES.map((name) => omGet(`${SERVICES}/name/${name}`)),
    expectedCalls: 50,
  },
  {
    name: "updateMlModelService (alternating values)",
    gateway: ["A", "B"].map((value) =>
      graphql(`mutation { updateMlModelService(fullyQualifiedName: "bench_svc_49", input: { description: "bench ${value}" }) { changed mlModelService { version } } }`),
    ),
    direct: ["A", "B"].map((value) => patchDescription("bench_svc_49", `bench ${value}`)),
    countWith: (n) =>
      graphql(`mutation { updateMlModelService(fullyQualifiedName: "bench_svc_49", input: { description: "bench count ${n} ${Date.now()}" }) { changed } }`),
    // The JSON Patch is computed from the current document (docs/upstream/openmetadata.md §7, §12.19): GET, then PATCH.
    expectedCalls: 2,
  },
  {
    name: "a service with its 50 models each asking service { name }",
    gateway: [graphql(`{ mlModelService(fullyQualifiedName: "${MODELS_SERVICE}") { name mlModels(first: 50) { nodes { name service { name } } } } }`)],
    direct: [omGet(`${SERVICES}/name/${MODELS_SERVICE}`), omGet(`/api/v1/mlmodels?service=${MODELS_SERVICE}&limit=50`)],
    expectedCalls: 2,
  },
  {
    name: "10 models asking their deployment",
    gateway: [graphql(`{ mlModels(first: 10, service: "${DEPLOYED_MODELS_SERVICE}") { nodes { name deployment { id name } } } }`)],
    direct: [
      omGet(`/api/v1/mlmodels?service=${DEPLOYED_MODELS_SERVICE}&limit=10`),
      ...MODEL_DEPLOYMENTS.map((id): LoadRequest => ({ method: "GET", path: `/ml/v4/deployments/${id}?${WML_QUERY}`, headers: WML })),
    ],
    // One list, then one WML read per distinct deployment (five, each named by two models).
    expectedCalls: 1 + MODEL_DEPLOYMENTS.length,
  },
  {
    name: "owners by name on a create",
    gateway: [
      graphql(
        `mutation { createOrUpdateMlModel(input: { name: "bench_owned", service: "${MODELS_SERVICE}", algorithm: "a", owners: [{ name: "alice", type: "user" }, { name: "data-eng", type: "team" }] }) { created } }`,
      ),
    ],
    direct: [
      omGet("/api/v1/users/name/alice"),
      omGet("/api/v1/teams/name/data-eng"),
      {
        method: "PUT",
        path: "/api/v1/mlmodels",
        headers: { ...OM, "content-type": "application/json" },
        body: JSON.stringify({ name: "bench_owned", service: MODELS_SERVICE, algorithm: "a", owners: [] }),
      },
    ],
    // One read per distinct name, then the PUT.
    expectedCalls: 3,
  },
  {
    name: "a deployment with its model",
    gateway: [graphql(`{ deployment(id: "${DEPLOYMENT}") { id name state model { id name } deployedModel { id rev } ownerInSpace } }`)],
    direct: [
      { method: "GET", path: `/ml/v4/deployments/${DEPLOYMENT}?${WML_QUERY}`, headers: WML },
      { method: "GET", path: `/ml/v4/models/${DEPLOYED_MODEL}?${WML_QUERY}`, headers: WML },
      { method: "GET", path: `/ml/v4/models/${DEPLOYED_MODEL}?${WML_QUERY}&rev=${DEPLOYED_REV}`, headers: WML },
      { method: "GET", path: `/v2/spaces/${SAMPLE_SPACE_ID}/members/${SAMPLE_OWNER}?version=${DEFAULT_WML_API_VERSION}`, headers: WML },
    ],
    // The deployment, the model's current copy, the model at the deployed revision, the owner's membership.
    expectedCalls: 4,
  },
];
