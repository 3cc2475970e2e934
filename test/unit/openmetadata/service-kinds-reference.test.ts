import { isObjectType, type GraphQLEnumType, type GraphQLInputObjectType, type GraphQLObjectType } from "graphql";
import { ENTITY_KINDS } from "../../../src/openmetadata/kinds.js";
import { isServiceKind } from "../../../src/openmetadata/service/kind.js";
import { buildSchema } from "../../../src/schema.js";
import { loadSchema, referenceRoot, serviceTypeEnum } from "../../helpers/reference-schemas.js";

/**
 * The gateway's service rows and SDL held against OpenMetadata's own entity schemas
 * (entity/services/<entityType>.json): the service type values, and the relations a kind asks for.
 */
const schema = buildSchema();
const SERVICES = ENTITY_KINDS.filter(isServiceKind).map((kind) => [kind.typename, kind] as const);
const GOVERNANCE = ["owners", "tags", "domains", "followers", "dataProducts"];
const maybe = referenceRoot ? describe : describe.skip;

maybe("service kinds against the upstream's schemas", () => {
  test.each(SERVICES)("%s: serviceType has the upstream's values, in its order", (_T, kind) => {
    const values = (schema.getType(`${kind.typename}Type`) as GraphQLEnumType).getValues().map((value) => value.name);
    expect(values).toEqual(serviceTypeEnum(`entity/services/${kind.entityType}.json`));
  });

  test.each(SERVICES)("%s: asks for the governance relations its schema has, and only those", (_T, kind) => {
    const properties = Object.keys(loadSchema(`entity/services/${kind.entityType}.json`).node.properties as object);
    expect(Object.keys(kind.relations).sort()).toEqual(GOVERNANCE.filter((field) => properties.includes(field)).sort());
    const update = (schema.getType(`Update${kind.typename}Input`) as GraphQLInputObjectType).getFields();
    const create = (schema.getType(`Create${kind.typename}Input`) as GraphQLInputObjectType).getFields();
    // Followers are written by follow/unfollow, never by an input.
    for (const field of GOVERNANCE.filter((name) => name !== "followers")) {
      expect([field, field in update, field in create]).toEqual([field, properties.includes(field), properties.includes(field)]);
    }
    const type = schema.getType(kind.typename);
    expect(isObjectType(type) && (type as GraphQLObjectType).description).toMatch(/^An OpenMetadata .+ service \(.+\)\.$/);
  });
});
