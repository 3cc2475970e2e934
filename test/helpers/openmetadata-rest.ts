/**
 * Direct REST calls to the local catalog's OpenMetadata API, for arranging test data without going
 * through the gateway under test.
 */
export interface RestAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export function openMetadataRest(catalogUrl: string, token = "admin") {
  async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RestAnswer<T>> {
    const response = await fetch(`${catalogUrl}/api/v1/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": method === "PATCH" ? "application/json-patch+json" : "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }
  return {
    call,
    /** Creates an ML model service of type Sklearn (no required connection keys) and returns it. */
    async createMlModelService(name: string, extra: Record<string, unknown> = {}) {
      const answer = await call("POST", "services/mlmodelServices", {
        name,
        serviceType: "Sklearn",
        connection: { config: { type: "Sklearn" } },
        ...extra,
      });
      if (answer.status !== 201) throw new Error(`create ${name}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
    /** A PATCH that always makes a new version (If-Match writes never consolidate). */
    async patchDescription(collection: string, id: string, version: number, description: string) {
      const answer = await call("PATCH", `services/${collection}/${id}`, [{ op: "add", path: "/description", value: description }], {
        "if-match": `W/"${Number.isInteger(version) ? version.toFixed(1) : version}"`,
      });
      if (answer.status !== 200) throw new Error(`patch ${id}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
  };
}
