import type { ApolloServerPlugin } from "@apollo/server";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";

/** The query GraphiQL opens with: it runs as-is over the local catalog's sample data. */
export const SAMPLE_QUERY = `# A service with its ML models (and the WML deployment each one is served by),
# a pipeline service with its pipelines, and the deployments WML serves.
query SampleServices {
  mlModelService(fullyQualifiedName: "mlflow_svc") {
    name
    serviceType
    owners { name type }
    mlModels(first: 5) {
      nodes { name fullyQualifiedName algorithm server deployment { name state } }
    }
  }
  pipelineService(fullyQualifiedName: "sample_airflow") {
    name
    versions(first: 3) { version updatedBy }
    pipelines(first: 5) {
      nodes { name scheduleInterval tasks { name } pipelineStatus { executionStatus timestamp } }
    }
  }
  deployments(first: 3) {
    totalCount
    nodes { name state servingName model { name type } }
  }
}
`;

/**
 * Serves GraphiQL, built from npm packages and inlined in one page (no CDN), to browsers that open
 * `/graphql` (`Accept: text/html`); it runs subscriptions over graphql-ws on the same URL. Rendered
 * once, at start.
 */
export function graphiqlLandingPage(): ApolloServerPlugin {
  // Subscriptions go over graphql-ws to the same URL (ws: instead of http:).
  const html = renderGraphiQL({ title: "catalog-gateway", endpoint: "/graphql", subscriptionsProtocol: "WS", defaultQuery: SAMPLE_QUERY } as Parameters<typeof renderGraphiQL>[0]);
  return {
    async serverWillStart() {
      return { renderLandingPage: async () => ({ html }) };
    },
  };
}
