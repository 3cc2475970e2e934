import { startupLine } from "../../../src/observability/startup-line.js";

const CATALOG = { url: "http://127.0.0.1:8585", data: "/srv/gateway/.data/catalog.db" };

test("with no upstream configured: GraphiQL's address, and both upstreams named as the local catalog", () => {
  const line = startupLine({
    gatewayUrl: "http://127.0.0.1:4000/graphql",
    upstreams: { openmetadata: "http://127.0.0.1:8585/api", wml: "http://127.0.0.1:8585" },
    localCatalog: CATALOG,
  });
  expect(line.message).toBe(
    "catalog-gateway ready: GraphiQL at http://127.0.0.1:4000/graphql (open it in a browser; /health, /ready, /metrics beside it); " +
      "OpenMetadata and WML from the local catalog (sample data) at http://127.0.0.1:8585, data in /srv/gateway/.data/catalog.db",
  );
  expect(line.fields).toEqual({
    graphiql: "http://127.0.0.1:4000/graphql",
    upstreams: { openmetadata: { url: "http://127.0.0.1:8585/api", local: true }, wml: { url: "http://127.0.0.1:8585", local: true } },
    localCatalog: CATALOG,
  });
});

test("one upstream configured: it is named with its URL, the other as the local catalog", () => {
  const line = startupLine({
    gatewayUrl: "http://0.0.0.0:4000/graphql",
    upstreams: { openmetadata: "https://om.example.com/api", wml: "http://127.0.0.1:8585" },
    localCatalog: CATALOG,
  });
  expect(line.message).toContain("GraphiQL at http://localhost:4000/graphql");
  expect(line.message).toContain("; OpenMetadata at https://om.example.com/api; WML from the local catalog (sample data) at http://127.0.0.1:8585");
  expect(line.fields.upstreams).toEqual({ openmetadata: { url: "https://om.example.com/api", local: false }, wml: { url: "http://127.0.0.1:8585", local: true } });
});

test("both configured: no local catalog in the line", () => {
  const line = startupLine({ gatewayUrl: "http://[::]:4000/graphql", upstreams: { openmetadata: "https://om.example.com/api", wml: "https://us-south.ml.cloud.ibm.com" } });
  expect(line.message).toMatch(/GraphiQL at http:\/\/localhost:4000\/graphql .*; OpenMetadata at https:\/\/om.example.com\/api; WML at https:\/\/us-south.ml.cloud.ibm.com$/);
  expect(line.message).not.toContain("local catalog");
  expect(line.fields).not.toHaveProperty("localCatalog");
});
