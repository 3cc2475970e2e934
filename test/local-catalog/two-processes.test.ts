import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeCompiledSources, startCatalogProcess, type CatalogProcess } from "../helpers/catalog-process.js";

// Two local catalogs in two processes on one SQLite file: every write transaction takes the write lock
// as it begins (BEGIN IMMEDIATE) and waits for it (busy timeout), so concurrent writers wait instead of
// failing with "database is locked".

afterAll(() => removeCompiledSources());

const WRITERS_PER_PROCESS = 6;
const WRITES_PER_WRITER = 25;

test("two processes writing to one catalog file concurrently: every write succeeds", async () => {
  const dir = mkdtempSync(join(tmpdir(), "catalog-two-processes-"));
  const file = join(dir, "catalog.db");
  const catalogs: CatalogProcess[] = [];
  try {
    catalogs.push(await startCatalogProcess(file)); // creates and seeds the file
    catalogs.push(await startCatalogProcess(file));
    const headers = { authorization: "Bearer admin", "content-type": "application/json" };
    /** Each write reads the service and writes a new version of it: a read, then a write, in one transaction. */
    const write = async (catalog: CatalogProcess, writer: number, n: number): Promise<number> => {
      const name = `shared_${writer % 4}`;
      const body = JSON.stringify({ name, serviceType: "Mlflow", description: `${writer}-${n}`, connection: { config: { type: "Mlflow", trackingUri: "http://m:5000", registryUri: "http://m:5000" } } });
      const response = await fetch(`${catalog.url}/api/v1/services/mlmodelServices`, { method: "PUT", headers, body });
      await response.arrayBuffer();
      return response.status;
    };
    const statuses = await Promise.all(
      catalogs.flatMap((catalog, p) =>
        Array.from({ length: WRITERS_PER_PROCESS }, async (_, w) => {
          const seen: number[] = [];
          for (let n = 0; n < WRITES_PER_WRITER; n++) seen.push(await write(catalog, p * WRITERS_PER_PROCESS + w, n));
          return seen;
        }),
      ),
    );
    const all = statuses.flat();
    expect(all).toHaveLength(2 * WRITERS_PER_PROCESS * WRITES_PER_WRITER);
    expect(all.filter((status) => status !== 200 && status !== 201)).toEqual([]);
  } finally {
    await Promise.all(catalogs.map((catalog) => catalog.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
