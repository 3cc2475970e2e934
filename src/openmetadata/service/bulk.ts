import type { Context } from "../../context.js";
import { badInput } from "../../errors.js";
import { bulkPutServices, type CreateServiceRequest } from "./api.js";
import type { ServiceKind } from "./kinds.js";
import type { ServiceResource } from "./resource.js";
import { checkCreateInput, type CreateServiceInput } from "./validate.js";
import { inputErrorOf, itemError } from "./write-errors.js";
import { toCreateRequest, type PayloadKey } from "./writes.js";

/** One result of a bulk create-or-update (`Bulk…Result`): the input's index, and its service or its error. */
export type BulkResult<K extends PayloadKey> = { index: number; created: boolean | null; error: ReturnType<typeof itemError> | null } & {
  [P in K]: ServiceResource | null;
};

/**
 * `createOrUpdate…s(inputs)`: one result per input, in input order (openmetadata-contract.md §3.5,
 * §3.13). Each input is checked on its own; the valid ones go upstream in one bulk PUT (or one PUT each
 * where the upstream has no bulk route, api.ts), so one bad item never fails its siblings. A name given
 * twice is an error on the later item: the two PUTs would race for one service.
 */
export function createOrUpdateServicesField<K extends PayloadKey>(kind: ServiceKind, payloadKey: K) {
  return async (_parent: unknown, args: { inputs: readonly CreateServiceInput[] }, ctx: Context): Promise<Array<BulkResult<K>>> => {
    const results = new Array<BulkResult<K>>(args.inputs.length);
    const failed = (index: number, error: unknown) => ({ index, created: null, error: itemError(error), [payloadKey]: null }) as BulkResult<K>;
    const sent: Array<{ index: number; request: CreateServiceRequest }> = [];
    const firstByName = new Map<string, number>();
    args.inputs.forEach((input, index) => {
      try {
        checkCreateInput(kind, input, `inputs[${index}]`);
        const first = firstByName.get(input.name);
        if (first !== undefined) throw badInput(`inputs[${index}].name`, `the same name as inputs[${first}]; give each service once`);
        firstByName.set(input.name, index);
        sent.push({ index, request: toCreateRequest(input) });
      } catch (error) {
        results[index] = failed(index, error);
      }
    });
    const { upstream, scope } = ctx.openmetadata;
    const outcomes = await bulkPutServices(
      upstream,
      scope,
      kind,
      sent.map((item) => item.request),
    );
    outcomes.forEach((outcome, position) => {
      const { index } = sent[position];
      if ("error" in outcome) {
        results[index] = failed(index, inputErrorOf(outcome.error, `inputs[${index}]`));
        return;
      }
      ctx.loaders[kind.entityType].prime(outcome.service);
      results[index] = { index, created: outcome.created, error: null, [payloadKey]: outcome.service } as BulkResult<K>;
    });
    return results;
  };
}
