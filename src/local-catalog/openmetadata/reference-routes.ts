import type { Router } from "../router.js";
import { jerseyNotFound, notFound } from "./errors.js";
import { jsonAnswer } from "./json.js";
import { REFERENCE_COLLECTIONS, type ReferenceDocument, type ReferenceType } from "./references.js";
import { guarded, type RouteContext } from "./routes.js";
import { isUuid } from "./uuid.js";

/**
 * The minimal read endpoints of the entities services refer to — `GET /api/v1/{users,teams,tags,
 * glossaryTerms,domains,dataProducts}`, `/{id}`, `/name/{fqn}` — so that clients can resolve owners,
 * tags and domains against the same catalog. Lists are not paged (the sample set is small).
 */
export function registerReferenceRoutes(router: Router, context: RouteContext): void {
  for (const [type, collection] of Object.entries(REFERENCE_COLLECTIONS) as [ReferenceType, string][]) {
    const base = `/api/v1/${collection}`;
    const render = (doc: ReferenceDocument) => ({ ...doc, href: `${context.baseUrl()}${base}/${doc.id}` });
    router.add(
      "GET",
      base,
      guarded(context, () => {
        const data = context.references.list(type).map(render);
        return jsonAnswer(200, { data, paging: { total: data.length } });
      }),
    );
    router.add(
      "GET",
      `${base}/name/:fqn`,
      guarded(context, (req) => {
        const doc = context.references.findByFqn(type, req.params.fqn);
        if (!doc) throw notFound(type, req.params.fqn);
        return jsonAnswer(200, render(doc));
      }),
    );
    router.add(
      "GET",
      `${base}/:id`,
      guarded(context, (req) => {
        if (!isUuid(req.params.id)) throw jerseyNotFound();
        const doc = context.references.findById(type, req.params.id);
        if (!doc) throw notFound(type, req.params.id);
        return jsonAnswer(200, render(doc));
      }),
    );
  }
}
