import type { ApolloServerPlugin } from "@apollo/server";
import { createHash } from "node:crypto";
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

/** GraphiQL's page and the headers it is served with. */
export interface GraphiqlPage {
  /** The Apollo Server plugin that answers a browser's `GET /graphql` with the page. */
  plugin: ApolloServerPlugin;
  /** Set on the page's response: a Content-Security-Policy that admits exactly its inlined scripts, and no framing. */
  headers: Readonly<Record<string, string>>;
}

/**
 * The Content-Security-Policy of the page: its own inlined scripts by hash (nothing else runs), its
 * inlined styles, requests to the gateway's own origin only, no plugins, no framing, no form posts.
 */
function contentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => `'sha256-${createHash("sha256").update(match[1]).digest("base64")}'`);
  return [
    "default-src 'none'",
    `script-src ${hashes.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join("; ");
}

/**
 * Serves GraphiQL, built from npm packages and inlined in one page (no CDN), to browsers that open
 * `/graphql` (`Accept: text/html`); it runs subscriptions over graphql-ws on the same URL. Rendered
 * once, at start, with its security headers.
 */
export function createGraphiqlPage(): GraphiqlPage {
  // Subscriptions go over graphql-ws to the same URL (ws: instead of http:).
  const html = renderGraphiQL({ title: "catalog-gateway", endpoint: "/graphql", subscriptionsProtocol: "WS", defaultQuery: SAMPLE_QUERY } as Parameters<typeof renderGraphiQL>[0]);
  return {
    plugin: {
      async serverWillStart() {
        return { renderLandingPage: async () => ({ html }) };
      },
    },
    headers: { "content-security-policy": contentSecurityPolicy(html), "x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" },
  };
}
