// The built gateway, as `npm start` runs it: it starts over the local catalog with sample data, answers
// a query, and on SIGTERM finishes and exits with status 0.
import { spawn } from "node:child_process";

// PORT=0: the gateway takes a free port and says which in its start-up line, "catalog-gateway ready:
// GraphiQL at <url>" with the URL in `graphiql` (hence LOG_LEVEL=info).
const child = spawn(process.execPath, ["dist/src/main.js"], {
  env: { ...process.env, PORT: "0", LOCAL_CATALOG_PORT: "0", LOCAL_CATALOG_DATA: ":memory:", LOG_LEVEL: "info" },
  stdio: ["ignore", "pipe", "inherit"],
});
const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

/** The gateway's URL, read from its stdout (echoed as it comes, so that the CI log shows it). */
const listening = new Promise((resolve, reject) => {
  let pending = "";
  child.stdout.on("data", (chunk) => {
    process.stdout.write(chunk);
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop();
    for (const line of lines) {
      try {
        const record = JSON.parse(line);
        if (typeof record.graphiql === "string" && /ready/.test(record.msg ?? "")) resolve(record.graphiql);
      } catch {}
    }
  });
  exited.then(({ code, signal }) => reject(new Error(`the gateway exited with ${code ?? signal} before saying where it listens`)));
  setTimeout(() => reject(new Error("the gateway did not say where it listens within 20 s")), 20_000).unref();
});

async function check() {
  const url = await listening;
  const answer = await fetch(url, {
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
