import type { Context } from "../../context.js";
import { badInput } from "../../errors.js";
import { bulkPutEntities, type CreateRequest } from "./api.js";
import type { EntityKind } from "./kind.js";
import { checkCreateInput } from "./validate.js";
import { inputErrorOf, itemError } from "./write-errors.js";
import { toCreateRequest, type EntityInput } from "./writes.js";

/** One result of a bulk create-or-update (`Bulk…Result`): the input's index, and its entity (under the kind's payload key) or its error. */
export type BulkResult = { index: number; created: boolean | null; error: ReturnType<typeof itemError> | null } & Record<string, unknown>;

/**
 * `createOrUpdate…s(inputs)`: one result per input, in input order (docs/upstream/openmetadata.md §3.5,
 * §3.13). Each input is checked on its own; the valid ones go upstream in one bulk PUT (or one PUT each
 * where the upstream has no bulk route, api.ts), so one bad item never fails its siblings. A name given
 * twice is an error on the later item: the two PUTs would race for one entity.
 */
export function createOrUpdateEntitiesField(kind: EntityKind) {
  return async (_parent: unknown, args: { inputs: readonly EntityInput[] }, ctx: Context): Promise<BulkResult[]> => {
    const results = new Array<BulkResult>(args.inputs.length);
    const failed = (index: number, error: unknown): BulkResult => ({ index, created: null, error: itemError(error), [kind.field]: null });
    const sent: Array<{ index: number; request: CreateRequest }> = [];
    const firstByName = new Map<string, number>();
    await Promise.all(
      args.inputs.map(async (input, index) => {
        try {
          checkCreateInput(kind, input, `inputs[${index}]`);
          const name = `${String(input.service ?? "")}\u0000${String(input.name)}`;
          const first = firstByName.get(name);
          if (first !== undefined) throw badInput(`inputs[${index}].name`, `the same name as inputs[${first}]; give each ${kind.noun} once`);
          firstByName.set(name, index);
          sent.push({ index, request: await toCreateRequest(ctx, kind, input, `inputs[${index}]`) });
        } catch (error) {
          results[index] = failed(index, error);
        }
      }),
    );
    sent.sort((a, b) => a.index - b.index);
    const { upstream, scope } = ctx.openmetadata;
    const outcomes = await bulkPutEntities(
      upstream,
      scope,
      kind,
      sent.map((item) => item.request),
    );
    outcomes.forEach((outcome, position) => {
      const { index, request } = sent[position];
      if ("error" in outcome) {
        results[index] = failed(index, inputErrorOf(outcome.error, `inputs[${index}]`, request));
        return;
      }
      ctx.loaders.entities(kind).prime(outcome.entity);
      results[index] = { index, created: outcome.created, error: null, [kind.field]: outcome.entity };
    });
    return results;
  };
}
