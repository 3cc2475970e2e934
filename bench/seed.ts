import { DEPLOYED_MODELS_SERVICE, MODEL_DEPLOYMENTS, MODELS_SERVICE, OPENMETADATA_TOKEN, SEEDED_MODELS, SEEDED_SERVICES } from "./scenarios.js";

const headers = { authorization: `Bearer ${OPENMETADATA_TOKEN}`, "content-type": "application/json" };

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Whether the catalog serves OpenMetadata's ML model services (the harness skips their scenarios otherwise). */
export async function hasOpenMetadata(catalog: string): Promise<boolean> {
  const response = await fetch(`${catalog}/api/v1/services/mlmodelServices?limit=1`, { headers });
  await response.arrayBuffer();
  return response.ok;
}

/**
 * Creates the 50 benchmark services through the catalog's REST API (POST, as any client would), each
 * owned by a sample user and tagged with a sample tag, so that a page of 50 carries owners and tags.
 */
export async function seedServices(catalog: string): Promise<void> {
  const users = await getJson<{ data: Array<{ id: string }> }>(`${catalog}/api/v1/users`);
  const tags = await getJson<{ data: Array<{ fullyQualifiedName: string }> }>(`${catalog}/api/v1/tags`);
  const owner = users.data[0];
  const tag = tags.data[0];
  for (const name of SEEDED_SERVICES) {
    const body = {
      name,
      serviceType: "Mlflow",
      description: `benchmark service ${name}`,
      owners: owner ? [{ id: owner.id, type: "user" }] : undefined,
      tags: tag ? [{ tagFQN: tag.fullyQualifiedName, source: "Classification", labelType: "Manual", state: "Confirmed" }] : undefined,
    };
    const response = await fetch(`${catalog}/api/v1/services/mlmodelServices`, { method: "POST", headers, body: JSON.stringify(body) });
    if (response.status !== 201) throw new Error(`seeding ${name}: POST answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  }
}

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

/**
 * Creates the benchmark ML models (after {@link seedServices}): 50 in one service, and 10 in another
 * whose `server` names the sample WML deployments by prediction URL, two models per deployment.
 */
export async function seedModels(catalog: string): Promise<void> {
  for (const name of SEEDED_MODELS) await post(`${catalog}/api/v1/mlmodels`, { name, service: MODELS_SERVICE, algorithm: "xgboost" });
  for (let i = 0; i < 10; i++) {
    const deployment = MODEL_DEPLOYMENTS[i % MODEL_DEPLOYMENTS.length];
    const server = `${catalog}/ml/v4/deployments/${deployment}/predictions`;
    await post(`${catalog}/api/v1/mlmodels`, { name: `bench_deployed_${i}`, service: DEPLOYED_MODELS_SERVICE, algorithm: "xgboost", server });
  }
}
