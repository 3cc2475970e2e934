import fc from "fast-check";
import { SAMPLE_DEPLOYMENT_IDS, SAMPLE_MODEL_IDS } from "../../src/local-catalog/wml/sample-data.js";
import { FUZZ_SEED } from "../helpers/fuzz-seed.js";
import { startStack, type GraphQLAnswer, type Stack } from "../helpers/stack.js";

// Random inputs spread over every mutation and the reads (ids, names, JSON values, nested lists), through
// the real gateway over HTTP against a healthy local catalog, one operation per request so that each
// upstream call is attributed to its input: the process never crashes, every answer is data or an error
// with a code that is the caller's (a fault inside the gateway is INTERNAL_SERVER_ERROR, and an upstream
// error here could only come from an input the gateway should have refused itself, so neither is
// accepted), no read writes, no input the gateway rejects itself (BAD_USER_INPUT with no upstream answer)
// costs an upstream write, and an id that is not a UUID reaches no upstream at all. List cursors are left
// out: their checks belong to the paging code.

const INPUTS = 4_000;
const CODES = new Set(["BAD_USER_INPUT", "NOT_FOUND", "ALREADY_EXISTS", "CONFLICT"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { MAX_ALIASES: "100", MAX_COST: "1000000", MAX_TOKENS: "100000", UPSTREAM_RETRIES: "0" } });
});
afterAll(() => stack.close());

/** One aliased operation: its variable declarations, its selection, its variables, and the most writes it may send. */
interface Call {
  operation?: "query" | "mutation";
  declare: string;
  select: string;
  variables: Record<string, unknown>;
  maxWrites: number;
  /** The id argument that must be a UUID (the call is refused before any upstream call when it is not). */
  id?: unknown;
}

const text = fc.oneof(
  fc.constantFrom("mlflow_svc", "sample_airflow", "", " ", ".", "..", "a::b", "x".repeat(300), "<b>x</b>", "with.dot", "null", "%2F", "../", "ümlaut"),
  fc.string({ maxLength: 24 }),
  fc.string({ maxLength: 12, unit: "binary" }),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.option(arb, { nil: null }), { nil: undefined });
const uuidish = fc.oneof(fc.uuid(), text, fc.constantFrom(...Object.values(SAMPLE_DEPLOYMENT_IDS), ...Object.values(SAMPLE_MODEL_IDS)));
const json = fc.jsonValue({ maxDepth: 3 });
const connection = fc.oneof(json, fc.record({ config: fc.dictionary(fc.constantFrom("type", "trackingUri", "registryUri", "hostPort", "x", "connection"), json, { maxKeys: 4 }) }), fc.dictionary(text, json, { maxKeys: 3 }));
const owners = fc.array(fc.record({ id: uuidish, type: fc.constantFrom("user", "team", "bot", "") }), { maxLength: 3 });
const tags = fc.array(
  fc.record({ tagFQN: text, source: maybe(fc.constantFrom("Classification", "Glossary")), labelType: maybe(fc.constantFrom("Manual", "Automated")), state: maybe(fc.constantFrom("Confirmed", "Suggested")) }),
  { maxLength: 3 },
);
const strings = fc.array(text, { maxLength: 3 });
const version = fc.oneof(fc.constantFrom(0.1, 0.2, 1, 1.1), fc.double({ noNaN: true, noDefaultInfinity: true }));
const patchOps = fc.array(
  fc.record({
    op: fc.oneof(fc.constantFrom("add", "remove", "replace", "move", "copy", "test"), text),
    path: fc.oneof(fc.constantFrom("/description", "/displayName", "/owners", "/tags/0", "/tags", "/id", "/name", "/version", "/deleted", "/connection", "/connection/config", "/connection/config/trackingUri", "/connection/config/password", "~2", ""), text),
    from: maybe(fc.constantFrom("/description", "/tags", "/tags/0", "/connection", "/nope")),
    value: maybe(json),
  }),
  { maxLength: 4 },
);

interface Kind {
  entity: string;
  type: string;
  serviceTypes: string[];
}
const KINDS: Kind[] = [
  { entity: "MlModelService", type: "MlModelService", serviceTypes: ["Mlflow", "Sklearn", "CustomMlModel", "SageMaker", "VertexAI"] },
  { entity: "PipelineService", type: "PipelineService", serviceTypes: ["Airflow", "Dagster", "Nifi", "CustomPipeline", "Spark"] },
];

function createInput(kind: Kind) {
  return fc.record(
    {
      name: text,
      serviceType: fc.constantFrom(...kind.serviceTypes),
      displayName: nullable(text),
      description: nullable(text),
      connection: nullable(connection),
      owners: nullable(owners),
      tags: nullable(tags),
      domains: nullable(strings),
    },
    { requiredKeys: ["name", "serviceType"] },
  );
}

const updateInput = fc.record(
  { description: nullable(text), displayName: nullable(text), connection: nullable(connection), owners: nullable(owners), tags: nullable(tags), domains: nullable(strings) },
  { requiredKeys: [] },
);

/** The mutations, each as a function from its alias index to an arbitrary call. */
function mutations(): Array<(n: number) => fc.Arbitrary<Call>> {
  const out: Array<(n: number) => fc.Arbitrary<Call>> = [];
  for (const kind of KINDS) {
    const field = kind.entity[0].toLowerCase() + kind.entity.slice(1);
    const address = fc.record({ id: nullable(uuidish), fqn: nullable(text) }, { requiredKeys: [] });
    out.push((n) => createInput(kind).map((input) => ({ declare: `$c${n}: Create${kind.type}Input!`, select: `m${n}: create${kind.entity}(input: $c${n}) { id }`, variables: { [`c${n}`]: input }, maxWrites: 1 })));
    out.push((n) =>
      createInput(kind).map((input) => ({ declare: `$c${n}: Create${kind.type}Input!`, select: `m${n}: createOrUpdate${kind.entity}(input: $c${n}) { created }`, variables: { [`c${n}`]: input }, maxWrites: 1 })),
    );
    out.push((n) =>
      fc.array(createInput(kind), { maxLength: 3 }).map((inputs) => ({
        declare: `$c${n}: [Create${kind.type}Input!]!`,
        select: `m${n}: createOrUpdate${kind.entity}s(inputs: $c${n}) { index error { message } }`,
        variables: { [`c${n}`]: inputs },
        maxWrites: Math.max(1, inputs.length),
      })),
    );
    out.push((n) =>
      fc.tuple(address, updateInput, nullable(version), maybe(fc.boolean())).map(([a, input, expected, dryRun]) => ({
        declare: `$i${n}: ID, $f${n}: String, $u${n}: Update${kind.type}Input!, $v${n}: Float, $d${n}: Boolean`,
        select: `m${n}: update${kind.entity}(id: $i${n}, fullyQualifiedName: $f${n}, input: $u${n}, expectedVersion: $v${n}, dryRun: $d${n}) { changed }`,
        variables: { [`i${n}`]: a.id, [`f${n}`]: a.fqn, [`u${n}`]: input, [`v${n}`]: expected, [`d${n}`]: dryRun },
        maxWrites: 1,
      })),
    );
    out.push((n) =>
      fc.tuple(address, patchOps, nullable(version)).map(([a, operations, expected]) => ({
        declare: `$i${n}: ID, $f${n}: String, $o${n}: [JsonPatchOperationInput!]!, $v${n}: Float`,
        select: `m${n}: patch${kind.entity}(id: $i${n}, fullyQualifiedName: $f${n}, operations: $o${n}, expectedVersion: $v${n}) { changed }`,
        variables: { [`i${n}`]: a.id, [`f${n}`]: a.fqn, [`o${n}`]: operations, [`v${n}`]: expected },
        maxWrites: 1,
      })),
    );
    out.push((n) =>
      fc.tuple(address, maybe(fc.boolean()), maybe(fc.boolean())).map(([a, hard, recursive]) => ({
        declare: `$i${n}: ID, $f${n}: String, $h${n}: Boolean, $r${n}: Boolean`,
        select: `m${n}: delete${kind.entity}(id: $i${n}, fullyQualifiedName: $f${n}, hardDelete: $h${n}, recursive: $r${n}) { id }`,
        variables: { [`i${n}`]: a.id, [`f${n}`]: a.fqn, [`h${n}`]: hard, [`r${n}`]: recursive },
        maxWrites: 1,
      })),
    );
    out.push((n) => uuidish.map((id) => ({ declare: `$i${n}: ID!`, select: `m${n}: restore${kind.entity}(id: $i${n}) { id }`, variables: { [`i${n}`]: id }, maxWrites: 1, id })));
    out.push((n) =>
      fc.tuple(uuidish, uuidish, fc.boolean()).map(([id, userId, follow]) => ({
        declare: `$i${n}: ID!, $u${n}: ID!`,
        select: `m${n}: ${follow ? "follow" : "unfollow"}${kind.entity}(id: $i${n}, userId: $u${n}) { id }`,
        variables: { [`i${n}`]: id, [`u${n}`]: userId },
        maxWrites: 1,
        id: UUID.test(String(id)) ? userId : id,
      })),
    );
    // Reads: by id or name, with nested lists (versions in a page, a version's change description).
    out.push((n) =>
      fc.tuple(address, fc.integer({ min: -2, max: 30 }), fc.integer({ min: -2, max: 5 }), version).map(([a, first, nested, at]) => ({
        operation: "query",
        declare: `$i${n}: ID, $f${n}: String, $p${n}: Int, $q${n}: Int, $a${n}: Float!`,
        select: `m${n}: ${field}(id: $i${n}, fullyQualifiedName: $f${n}) { name connection versions(first: $q${n}) { version changeDescription { fieldsUpdated { name newValue } } } atVersion(version: $a${n}) { version } } l${n}: ${field}s(first: $p${n}) { nodes { name versions(first: $q${n}) { version } } }`,
        variables: { [`i${n}`]: a.id, [`f${n}`]: a.fqn, [`p${n}`]: first, [`q${n}`]: nested, [`a${n}`]: at },
        maxWrites: 0,
      })),
    );
  }
  const wmlInput = fc.record({ name: nullable(text), description: nullable(text), tags: nullable(strings), custom: nullable(json) }, { requiredKeys: [] });
  out.push((n) =>
    fc.tuple(uuidish, wmlInput, fc.record({ servingName: nullable(text), owner: nullable(text) }, { requiredKeys: [] }), maybe(fc.boolean())).map(([id, input, extra, dryRun]) => ({
      declare: `$i${n}: ID!, $u${n}: UpdateDeploymentInput!, $d${n}: Boolean`,
      select: `m${n}: updateDeployment(id: $i${n}, input: $u${n}, dryRun: $d${n}) { warnings }`,
      variables: { [`i${n}`]: id, [`u${n}`]: { ...input, ...extra }, [`d${n}`]: dryRun },
      maxWrites: 2,
      id,
    })),
  );
  out.push((n) =>
    fc.tuple(uuidish, fc.record({ id: uuidish, rev: nullable(text) }, { requiredKeys: ["id"] })).map(([id, asset]) => ({
      declare: `$i${n}: ID!, $a${n}: AssetInput!`,
      select: `m${n}: replaceAsset(deploymentId: $i${n}, asset: $a${n}) { outcome }`,
      variables: { [`i${n}`]: id, [`a${n}`]: asset },
      maxWrites: 1,
      id: UUID.test(String(id)) ? asset.id : id,
    })),
  );
  out.push((n) =>
    fc.tuple(uuidish, wmlInput, maybe(fc.boolean())).map(([id, input, dryRun]) => ({
      declare: `$i${n}: ID!, $u${n}: UpdateModelInput!, $d${n}: Boolean`,
      select: `m${n}: updateModel(id: $i${n}, input: $u${n}, dryRun: $d${n}) { model { id } }`,
      variables: { [`i${n}`]: id, [`u${n}`]: input, [`d${n}`]: dryRun },
      maxWrites: 1,
      id,
    })),
  );
  const wmlOps = fc.array(
    fc.record({
      op: fc.oneof(fc.constantFrom("add", "remove", "replace", "move", "copy", "test"), text),
      path: fc.oneof(fc.constantFrom("/name", "/description", "/tags", "/custom", "/asset", "/online/parameters", "/metadata/owner", "/software_spec", "/tags/0", "/custom/token", ""), text),
      from: maybe(fc.constantFrom("/description", "/tags")),
      value: maybe(json),
    }),
    { maxLength: 3 },
  );
  for (const target of ["Deployment", "Model"]) {
    out.push((n) =>
      fc.tuple(uuidish, wmlOps, maybe(fc.boolean())).map(([id, operations, dryRun]) => ({
        declare: `$i${n}: ID!, $o${n}: [JsonPatchOperationInput!]!, $d${n}: Boolean`,
        select: `m${n}: patch${target}(id: $i${n}, operations: $o${n}, dryRun: $d${n}) { changed patch { op path value } }`,
        variables: { [`i${n}`]: id, [`o${n}`]: operations, [`d${n}`]: dryRun },
        maxWrites: 2,
        id,
      })),
    );
  }
  out.push((n) =>
    fc.tuple(fc.option(uuidish, { nil: null }), fc.option(text, { nil: null }), fc.option(text, { nil: null })).map(([id, servingName, rev]) => ({
      operation: "query",
      declare: `$i${n}: ID, $s${n}: String, $r${n}: String, $m${n}: ID!`,
      select: `m${n}: deployment(id: $i${n}, servingName: $s${n}) { id asset { id rev } } d${n}: model(id: $m${n}, rev: $r${n}) { id revisions(first: 3) { nodes { rev } } }`,
      variables: { [`i${n}`]: id, [`s${n}`]: servingName, [`r${n}`]: rev, [`m${n}`]: id ?? SAMPLE_MODEL_IDS.diabetesRidge },
      maxWrites: 0,
    })),
  );
  return out;
}

const MUTATIONS = mutations();
const oneCall = fc.integer({ min: 0, max: MUTATIONS.length - 1 }).chain((m) => MUTATIONS[m](0));

const WML_MUTATION = /\b(updateDeployment|patchDeployment|replaceAsset|updateModel|patchModel|createModelRevision)\b/;

/** Writes to the catalog's data; the gateway's own token exchange (POST /identity/token) is not one. */
function writes(): number {
  return stack.catalog.requests.filter((r) => r.method !== "GET" && r.path !== "/identity/token").length;
}

/** The calls to the catalog's data, reads included, that the request of `requestId` made. */
function callsOf(requestId: unknown): number {
  return stack.catalog.requests.filter((r) => r.path !== "/identity/token" && r.headers["x-request-id"] === requestId).length;
}

test(`${INPUTS} random inputs to every mutation and the reads: no crash, data or the caller's error, no write for a rejected input`, async () => {
  let sent = 0;
  const outcomes: Record<string, number> = {};
  await fc.assert(
    fc.asyncProperty(oneCall, async (call) => {
      const before = writes();
      const answer: GraphQLAnswer = await stack.query(`${call.operation ?? "mutation"} (${call.declare}) { ${call.select} }`, call.variables);
      sent++;
      const errors = answer.errors ?? [];
      for (const error of errors) expect({ code: error.extensions?.code, message: error.message, ok: CODES.has(error.extensions?.code) }).toMatchObject({ ok: true });
      // Every OpenMetadata BAD_USER_INPUT names the argument or input path it is about.
      if (!WML_MUTATION.test(call.select)) for (const error of errors.filter((e) => e.extensions?.code === "BAD_USER_INPUT")) expect(error.extensions).toHaveProperty("field", expect.any(String));
      if (errors.length === 0) expect(answer.data?.m0).toBeDefined();
      if (call.id !== undefined && !UUID.test(String(call.id))) {
        expect(errors.map((e) => e.extensions?.code)).toContain("BAD_USER_INPUT");
        expect(callsOf(errors[0]?.extensions?.requestId)).toBe(0);
      }
      const outcome = errors.length === 0 ? "data" : errors.map((e) => e.extensions?.code).join("+");
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      const written = writes() - before;
      const rejected = errors.length > 0 && errors.every((e) => e.extensions?.code === "BAD_USER_INPUT" && e.extensions?.upstream === undefined);
      expect(written).toBeLessThanOrEqual(rejected ? 0 : call.maxWrites);
    }),
    { numRuns: INPUTS, endOnFailure: true, seed: FUZZ_SEED },
  );
  // The inputs reached both sides of the gateway's checks: some were applied, some refused before any write.
  expect(outcomes.data).toBeGreaterThan(INPUTS / 20);
  expect(outcomes.BAD_USER_INPUT).toBeGreaterThan(INPUTS / 20);
  expect(sent).toBe(INPUTS);
  const health = await fetch(`${stack.origin}/health`);
  expect(health.status).toBe(200);
  const alive = await stack.query(`{ pipelineService(fullyQualifiedName: "sample_airflow") { name } }`);
  expect(alive.errors).toBeUndefined();
  // Bounded by INPUTS, not by time: well under a minute alone, about twice that beside the rest of the
  // suite on a loaded two-core machine; the limit only catches a hang.
}, 600_000);
