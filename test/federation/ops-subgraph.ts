import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse, type DocumentNode } from "graphql";
import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS } from "../../src/local-catalog/wml/sample-data.js";

/** The catalog's entities this subgraph extends, each by a key the catalog subgraph declares. */
export const EXTENDED_ENTITIES = {
  MlModelService: "fullyQualifiedName",
  PipelineService: "fullyQualifiedName",
  Deployment: "id",
  Model: "id",
} as const;

export type ExtendedEntity = keyof typeof EXTENDED_ENTITIES;

/** An incident, as an operations team's own service would hold it: about one catalog entity, by its key. */
export interface Incident {
  id: string;
  title: string;
  about: { type: ExtendedEntity; key: string };
}

/** The incidents this subgraph knows; the keys are the local catalog's sample data. */
export const INCIDENTS: readonly Incident[] = [
  { id: "inc-1", title: "MLflow registry latency", about: { type: "MlModelService", key: "mlflow_svc" } },
  { id: "inc-2", title: "Nightly DAG backlog", about: { type: "PipelineService", key: "sample_airflow" } },
  { id: "inc-3", title: "MLflow registry disk full", about: { type: "MlModelService", key: "mlflow_svc" } },
  { id: "inc-4", title: "Diabetes endpoint p99 over budget", about: { type: "Deployment", key: SAMPLE_DEPLOYMENT_IDS.diabetesOnline } },
  { id: "inc-5", title: "Ridge model drift", about: { type: "Model", key: SAMPLE_MODEL_IDS.diabetesRidge } },
];

/** Every entity the ops subgraph extends. */
export const ALL_EXTENDED_ENTITIES = Object.keys(EXTENDED_ENTITIES) as ExtendedEntity[];

/** The SDL of a second, small subgraph: incidents, and an `openIncidents` field on each extended entity. */
export function opsTypeDefs(entities: readonly ExtendedEntity[]): DocumentNode {
  const extensions = entities.map((name) => {
    const key = EXTENDED_ENTITIES[name];
    const keyType = key === "id" ? "ID!" : "String!";
    return `type ${name} @key(fields: "${key}") {\n  ${key}: ${keyType}\n  openIncidents: [Incident!]!\n}`;
  });
  const references = entities.map((name) => `  ${name[0].toLowerCase()}${name.slice(1)}: ${name}`);
  return parse(`
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

type Incident {
  id: ID!
  title: String!
${references.join("\n")}
}

type Query {
  incidents: [Incident!]!
}

${extensions.join("\n\n")}
`);
}

/** A `buildSubgraphSchema` module ({ typeDefs, resolvers }), whose resolver map type the package does not export. */
type SubgraphModule = Exclude<Parameters<typeof buildSubgraphSchema>[0], DocumentNode | readonly unknown[]>;

function resolvers(entities: readonly ExtendedEntity[]): SubgraphModule["resolvers"] {
  const byEntity = Object.fromEntries(
    entities.map((name) => {
      const key = EXTENDED_ENTITIES[name];
      return [
        name,
        {
          __resolveReference: (reference: Record<string, string>) => reference,
          openIncidents: (entity: Record<string, string>) => INCIDENTS.filter((i) => i.about.type === name && i.about.key === entity[key]),
        },
      ];
    }),
  );
  const incidentFields = Object.fromEntries(
    entities.map((name) => [
      `${name[0].toLowerCase()}${name.slice(1)}`,
      (incident: Incident) => (incident.about.type === name ? { __typename: name, [EXTENDED_ENTITIES[name]]: incident.about.key } : null),
    ]),
  );
  return { Query: { incidents: () => INCIDENTS }, Incident: incidentFields, ...byEntity } as SubgraphModule["resolvers"];
}

/** The second subgraph, served over HTTP on port 0. */
export interface OpsSubgraph {
  url: string;
  typeDefs: DocumentNode;
  close(): Promise<void>;
}

/** Starts the second subgraph with `buildSubgraphSchema` and Apollo Server, extending `entities`. */
export async function startOpsSubgraph(entities: readonly ExtendedEntity[]): Promise<OpsSubgraph> {
  const typeDefs = opsTypeDefs(entities);
  const quiet = () => undefined;
  const logger = { debug: quiet, info: quiet, warn: quiet, error: (message: unknown) => process.stderr.write(`${String(message)}\n`) };
  const server = new ApolloServer({ schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers(entities) }), logger });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
  return { url, typeDefs, close: () => server.stop() };
}
