// The built gateway, as `npm start` runs it: it starts over the local catalog with sample data, answers
// a query, and on SIGTERM finishes and exits with status 0.
import { spawn } from "node:child_process";

const port = 4000 + Math.floor(Math.random() * 1000);
const child = spawn(process.execPath, ["dist/src/main.js"], {
  env: { ...process.env, PORT: String(port), LOCAL_CATALOG_PORT: "0", LOCAL_CATALOG_DATA: ":memory:" },
  stdio: ["ignore", "inherit", "inherit"],
});
const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

async function check() {
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  const answer = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: '{ mlModelService(fullyQualifiedName: "mlflow_svc") { name } deployments(first: 1) { totalCount } }' }),
  }).then((r) => r.json());
  if (answer.data?.mlModelService?.name !== "mlflow_svc" || !(answer.data?.deployments?.totalCount > 0)) {
    throw new Error(`unexpected answer: ${JSON.stringify(answer)}`);
  }
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  const { code, signal } = await exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`after SIGTERM the gateway exited with ${code ?? signal}`);
}

check().then(
  () => console.log("start check: the built gateway served a query and stopped cleanly on SIGTERM"),
  (error) => {
    child.kill("SIGKILL");
    console.error(`start check failed: ${error.message}`);
    process.exit(1);
  },
);
