import { composeServices } from "@apollo/composition";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { parse } from "graphql";
import { printSubgraphSdl } from "../../src/print-schema.js";
import { postGraphQL, startStack, type Stack } from "../helpers/stack.js";
import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { ALL_EXTENDED_ENTITIES, startOpsSubgraph, type OpsSubgraph } from "./ops-subgraph.js";

let stack: Stack;
let ops: OpsSubgraph;
let router: ApolloServer;
let routerUrl: string;

beforeAll(async () => {
  stack = await startStack();
  const sdl = printSubgraphSdl();
  ops = await startOpsSubgraph(ALL_EXTENDED_ENTITIES);
  const composed = composeServices([
    { name: "catalog", typeDefs: parse(sdl), url: stack.url },
    { name: "ops", typeDefs: ops.typeDefs, url: ops.url },
  ]);
  expect(composed.errors).toBeUndefined();
  router = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl! }) });
  ({ url: routerUrl } = await startStandaloneServer(router, { listen: { port: 0, host: "127.0.0.1" } }));
}, 60_000);

afterAll(async () => {
  await router?.stop();
  await ops?.close();
  await stack?.close();
});

test("the router answers a query that crosses both subgraphs, in both directions", async () => {
  const direct = await stack.query(
    `query ($deployment: ID!, $model: ID!) { deployment(id: $deployment) { name state } model(id: $model) { name } }`,
    { deployment: SAMPLE_DEPLOYMENT_IDS.diabetesOnline, model: SAMPLE_MODEL_IDS.diabetesRidge },
  );
  expect(direct.errors).toBeUndefined();
  const { deployment, model } = direct.data;
  expect(deployment.name).toEqual(expect.any(String));

  const none = { mlModelService: null, pipelineService: null, deployment: null, model: null };
  const mlflow = { name: "mlflow_svc", serviceType: "Mlflow", owners: [{ name: "alice" }] };
  const answer = await postGraphQL(
    routerUrl,
    `query Crossing($deployment: ID!) {
      incidents {
        title
        mlModelService { name serviceType owners { name } }
        pipelineService { name serviceType }
        deployment { name state }
        model { name }
      }
      mlModelService(fullyQualifiedName: "mlflow_svc") { name openIncidents { id title } }
      pipelineService(fullyQualifiedName: "sample_airflow") { serviceType openIncidents { title } }
      deployment(id: $deployment) { name openIncidents { id } }
    }`,
    { deployment: SAMPLE_DEPLOYMENT_IDS.diabetesOnline },
  );
  expect(answer.errors).toBeUndefined();
  expect(answer.data.incidents).toEqual([
    { ...none, title: "MLflow registry latency", mlModelService: mlflow },
    { ...none, title: "Nightly DAG backlog", pipelineService: { name: "sample_airflow", serviceType: "Airflow" } },
    { ...none, title: "MLflow registry disk full", mlModelService: mlflow },
    { ...none, title: "Diabetes endpoint p99 over budget", deployment },
    { ...none, title: "Ridge model drift", model },
  ]);
  expect(answer.data.mlModelService).toEqual({ name: "mlflow_svc", openIncidents: [{ id: "inc-1", title: "MLflow registry latency" }, { id: "inc-3", title: "MLflow registry disk full" }] });
  expect(answer.data.pipelineService).toEqual({ serviceType: "Airflow", openIncidents: [{ title: "Nightly DAG backlog" }] });
  expect(answer.data.deployment).toEqual({ name: deployment.name, openIncidents: [{ id: "inc-4" }] });
});

test("_entities for 50 representations with repeats costs one upstream call per distinct entity", async () => {
  const list = await stack.query(`{ mlModelServices(first: 10) { nodes { id fullyQualifiedName } } pipelineServices(first: 10) { nodes { id fullyQualifiedName } } }`);
  const ml = list.data.mlModelServices.nodes as Array<{ id: string; fullyQualifiedName: string }>;
  const pipelines = list.data.pipelineServices.nodes as Array<{ id: string; fullyQualifiedName: string }>;
  expect(ml.length).toBeGreaterThanOrEqual(3);
  expect(pipelines.length).toBeGreaterThanOrEqual(2);
  const distinct = [
    ...ml.slice(0, 3).map((s, i) => (i === 0 ? { __typename: "MlModelService", fullyQualifiedName: s.fullyQualifiedName } : { __typename: "MlModelService", id: s.id })),
    ...pipelines.slice(0, 2).map((s) => ({ __typename: "PipelineService", id: s.id })),
    { __typename: "MlModelService", id: "00000000-0000-0000-0000-000000000000" },
  ];
  const representations = Array.from({ length: 50 }, (_, i) => distinct[(i * 7) % distinct.length]);
  expect(new Set(representations.map((r) => JSON.stringify(r))).size).toBe(distinct.length);

  stack.catalog.resetRequests();
  const answer = await stack.query(
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on MlModelService { name } ... on PipelineService { name serviceType } } }`,
    { representations },
  );
  expect(answer.errors).toBeUndefined();
  expect(answer.data._entities).toHaveLength(50);
  answer.data._entities.forEach((entity: { __typename: string; name: string } | null, i: number) => {
    const representation = representations[i] as { __typename: string; id?: string; fullyQualifiedName?: string };
    const known = [...ml, ...pipelines].find((s) => s.id === representation.id || s.fullyQualifiedName === representation.fullyQualifiedName);
    if (!known) expect(entity).toBeNull();
    else expect(entity).toMatchObject({ __typename: representation.__typename, name: expect.any(String) });
  });
  expect(stack.upstream("/v1/services/").map((r) => `${r.method} ${r.path}`)).toHaveLength(distinct.length);

  const metrics = await (await fetch(`${stack.origin}/metrics`)).text();
  expect(metrics).toMatch(/gateway_loader_batch_size_bucket\{le="5",loader="mlmodelService.entity"\} \d+/);
  expect(metrics).toMatch(/gateway_loader_batch_size_count\{loader="mlmodelService.entity"\} [1-9]/);
});

test("inline tracing: ftv1 is returned when the router asks for it, and only then", async () => {
  const query = `{ mlModelService(fullyQualifiedName: "mlflow_svc") { name } }`;
  const traced = await postGraphQL(stack.url, query, undefined, { "apollo-federation-include-trace": "ftv1" });
  expect(traced.errors).toBeUndefined();
  expect(typeof traced.extensions?.ftv1).toBe("string");
  expect((traced.extensions?.ftv1 as string).length).toBeGreaterThan(20);
  const plain = await postGraphQL(stack.url, query);
  expect(plain.extensions?.ftv1).toBeUndefined();
});
