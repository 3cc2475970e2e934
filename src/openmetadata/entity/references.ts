import type DataLoader from "dataloader";
import { badInput } from "../../errors.js";
import { encodeSegment, type CallScope, type Upstream } from "../../upstream/http.js";
import { createPerKeyLoader } from "../../upstream/per-key-loader.js";

/** A reference as a write carries it: the server expands `{id, type}` itself (docs/upstream/openmetadata.md §2.4). */
interface ReferenceValue {
  id: string;
  type: string;
}

/** The collections that resolve a referenced entity's name or FQN (`/v1/{collection}/name/{fqn}`). */
const COLLECTIONS: Readonly<Record<string, string>> = {
  user: "users",
  team: "teams",
  domain: "domains",
  dataProduct: "dataProducts",
  dashboard: "dashboards",
};

/** A name (or FQN) to look up, with the entity type it names. */
interface ReferenceLookup {
  type: string;
  name: string;
}

/**
 * The per-request loader of references by name: one GET `/v1/{collection}/name/{name}` per distinct
 * type and name in a request, whatever the number of inputs or items naming it; `null` when there is none.
 */
export function createReferenceLoader(upstream: Upstream, scope: CallScope): DataLoader<ReferenceLookup, ReferenceValue | null, string> {
  return createPerKeyLoader(
    (key: ReferenceLookup) => `${key.type}\u0000${key.name}`,
    async (key) => {
      const collection = COLLECTIONS[key.type];
      const answer = await upstream.send<{ id: string }>(
        { method: "GET", path: `v1/${collection}/name/${encodeSegment(key.name)}`, route: `GET /v1/${collection}/name/{fqn}` },
        scope,
      );
      return { id: answer.body.id, type: key.type };
    },
    (size) => scope.observeBatch?.("reference.byName", size),
  );
}

/** Resolves names of `type` to references; an unknown one is a BAD_USER_INPUT naming `field[i]` (§2.4, §4.3). */
export async function referencesByName(
  loader: DataLoader<ReferenceLookup, ReferenceValue | null, string>,
  type: string,
  names: readonly string[],
  field: string,
): Promise<ReferenceValue[]> {
  const found = await loader.loadMany(names.map((name) => ({ type, name })));
  return names.map((name, index) => {
    const reference = found[index];
    if (reference instanceof Error) throw reference;
    if (!reference) throw badInput(`${field}[${index}]`, `no ${type} with the fully qualified name ${JSON.stringify(name)}`);
    return reference;
  });
}

/** An owner or other reference as the input gives it: exactly one of `id` and `name`, and its type. */
export interface ReferenceInput {
  id?: string | null;
  name?: string | null;
  type: string;
}

/**
 * References given by id or by name, as `{id, type}`: names resolved through the request's loader, so
 * an unknown name is a BAD_USER_INPUT naming `field[i].name` before anything is written.
 */
export async function resolveReferences(
  loader: DataLoader<ReferenceLookup, ReferenceValue | null, string>,
  references: readonly ReferenceInput[],
  field: string,
): Promise<ReferenceValue[]> {
  return Promise.all(
    references.map(async (reference, index) => {
      if (reference.id) return { id: reference.id, type: reference.type };
      const found = await loader.load({ type: reference.type, name: reference.name ?? "" });
      if (!found) throw badInput(`${field}[${index}].name`, `no ${reference.type} named ${JSON.stringify(reference.name)}`);
      return found;
    }),
  );
}
