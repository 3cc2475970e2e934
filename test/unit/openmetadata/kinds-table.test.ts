import { isInterfaceType, isObjectType, type GraphQLEnumType, type GraphQLObjectType } from "graphql";
import { mutationName } from "../../../src/openmetadata/entity/kind.js";
import { ENTITY_KINDS } from "../../../src/openmetadata/kinds.js";
import { serviceKindValue } from "../../../src/openmetadata/service/catalog-services.js";
import { isServiceKind } from "../../../src/openmetadata/service/kind.js";
import { buildSchema } from "../../../src/schema.js";

const schema = buildSchema();
const INTERFACES = ["CatalogService", "CatalogEntity"];
const PAGING = ["first", "after", "last", "before"];
const VERBS = ["create", "createOrUpdate", "update", "patch", "delete", "restore", "follow", "unfollow"];

describe("the table of kinds and the SDL", () => {
  test.each(ENTITY_KINDS.map((kind) => [kind.typename, kind]))("%s: its type, queries and mutations are in the schema", (_name, kind) => {
    const type = schema.getType(kind.typename);
    expect(isObjectType(type)).toBe(true);
    const object = type as GraphQLObjectType;
    expect(object.getInterfaces().map((i) => i.name).some((name) => INTERFACES.includes(name))).toBe(true);
    expect(schema.getType(`${kind.typename}Connection`)).toBeDefined();
    const query = schema.getQueryType()!.getFields();
    expect(query[kind.field]?.type.toString()).toBe(kind.typename);
    expect(query[kind.plural]?.type.toString()).toBe(`${kind.typename}Connection!`);
    const mutation = schema.getMutationType()!.getFields();
    for (const verb of VERBS) expect(mutation[mutationName(verb, kind)]).toBeDefined();
    expect(mutation[mutationName("createOrUpdate", kind, true)]).toBeDefined();
    for (const field of [...Object.keys(kind.relations), ...Object.keys(kind.typeFields ?? {})]) expect(object.getFields()[field]).toBeDefined();
    for (const patchField of kind.patchFields) expect((schema.getType(`Update${kind.typename}Input`) as GraphQLObjectType).getFields()[patchField.name]).toBeDefined();
  });

  test.each(ENTITY_KINDS.map((kind) => [kind.typename, kind]))("%s: its lists page the Relay way (first/after, last/before, a cursor on every edge)", (_name, kind) => {
    const lists = [schema.getQueryType()!.getFields()[kind.plural]];
    const object = schema.getType(kind.typename) as GraphQLObjectType;
    for (const child of kind.children ?? []) lists.push(object.getFields()[child.field]);
    for (const list of lists) {
      expect(Object.fromEntries(list.args.filter((a) => PAGING.includes(a.name)).map((a) => [a.name, [a.type.toString(), a.defaultValue]]))).toEqual({
        first: ["Int", undefined],
        after: ["String", undefined],
        last: ["Int", undefined],
        before: ["String", undefined],
      });
    }
    const edge = schema.getType(`${kind.typename}Edge`) as GraphQLObjectType;
    expect(edge.getFields().cursor.type.toString()).toBe("String!");
  });

  test("every type implementing CatalogService or CatalogEntity has a row", () => {
    const rows = new Set(ENTITY_KINDS.map((kind) => kind.typename));
    const implementing = Object.values(schema.getTypeMap()).filter(
      (type) => isObjectType(type) && type.getInterfaces().some((i) => INTERFACES.includes(i.name)),
    );
    expect(implementing.length).toBeGreaterThan(0);
    for (const type of implementing) expect(rows.has(type.name) ? type.name : `${type.name} has no row`).toBe(type.name);
    for (const name of INTERFACES) if (schema.getType(name)) expect(isInterfaceType(schema.getType(name))).toBe(true);
  });

  test("ServiceKind has one value per service kind of the table, and each service type implements CatalogService", () => {
    const services = ENTITY_KINDS.filter(isServiceKind);
    const values = (schema.getType("ServiceKind") as GraphQLEnumType).getValues().map((value) => value.name);
    expect([...values].sort()).toEqual(services.map(serviceKindValue).sort());
    for (const kind of services) expect((schema.getType(kind.typename) as GraphQLObjectType).getInterfaces().map((i) => i.name)).toEqual(["CatalogService"]);
    expect(serviceKindValue({ typename: "MlModelService" } as never)).toBe("ML_MODEL");
  });
});
