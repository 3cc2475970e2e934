import type { ApolloServerPlugin } from "@apollo/server";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";

/** The query GraphiQL opens with: it runs as-is over the local catalog's sample data. */
export const SAMPLE_QUERY = `# Services held by the catalog, with their owners and tags, and the models WML serves.
query SampleServices {
  mlModelServices(first: 5) {
    totalCount
    nodes { name fullyQualifiedName serviceType version owners { name type } tags { tagFQN } }
  }
  pipelineService(fullyQualifiedName: "sample_airflow") {
    name
    description
    versions { version updatedBy }
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
