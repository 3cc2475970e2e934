/** What the start-up line reports: where the gateway listens and where each upstream is reached. */
export interface StartupFacts {
  gatewayUrl: string;
  upstreams: { openmetadata: string; wml: string };
  /** Set when the app started the local catalog: its base URL and where it keeps its data. */
  localCatalog?: { url: string; data: string };
}

const UPSTREAM_NAMES = { openmetadata: "OpenMetadata", wml: "WML" } as const;

/** A wildcard listen address is not a place a browser can open: the loopback name stands in for it. */
function browsable(url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname === "0.0.0.0" || parsed.hostname === "[::]") parsed.hostname = "localhost";
  return parsed.toString();
}

/**
 * The one line `npm start` begins with (message and structured fields): where GraphiQL is, and for each
 * upstream whether it is the local catalog (sample data, embedded) or a configured server.
 */
export function startupLine(facts: StartupFacts): { message: string; fields: Record<string, unknown> } {
  const graphiql = browsable(facts.gatewayUrl);
  const local = (url: string) => facts.localCatalog !== undefined && (url === facts.localCatalog.url || url.startsWith(`${facts.localCatalog.url}/`));
  const names = Object.keys(UPSTREAM_NAMES) as Array<keyof typeof UPSTREAM_NAMES>;
  const localNames = names.filter((name) => local(facts.upstreams[name])).map((name) => UPSTREAM_NAMES[name]);
  const remote = names.filter((name) => !local(facts.upstreams[name])).map((name) => `${UPSTREAM_NAMES[name]} at ${facts.upstreams[name]}`);
  const parts = [...remote];
  if (facts.localCatalog && localNames.length > 0) {
    parts.push(`${localNames.join(" and ")} from the local catalog (sample data) at ${facts.localCatalog.url}, data in ${facts.localCatalog.data}`);
  }
  const upstreams = Object.fromEntries(names.map((name) => [name, { url: facts.upstreams[name], local: local(facts.upstreams[name]) }]));
  return {
    message: `catalog-gateway ready: GraphiQL at ${graphiql} (open it in a browser; /health, /ready, /metrics beside it); ${parts.join("; ")}`,
    fields: { graphiql, upstreams, ...(facts.localCatalog ? { localCatalog: facts.localCatalog } : {}) },
  };
}
