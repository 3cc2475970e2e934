import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from "graphql";

/**
 * The names of the fields selected at `path` below the field being resolved, through fragments and
 * inline fragments of any type condition (an over-approximation is harmless: it only asks the upstream
 * for a relation that goes unused). Used to derive upstream `fields` parameters from the query.
 */
export function selectedFieldNames(info: Pick<GraphQLResolveInfo, "fieldNodes" | "fragments">, path: readonly string[] = []): Set<string> {
  const names = new Set<string>();
  for (const node of info.fieldNodes) {
    collect(node.selectionSet, path, info.fragments, names, new Set());
  }
  return names;
}

function collect(
  set: SelectionSetNode | undefined,
  path: readonly string[],
  fragments: Record<string, FragmentDefinitionNode>,
  out: Set<string>,
  visited: Set<string>,
): void {
  if (!set) return;
  for (const selection of set.selections) {
    if (selection.kind === "Field") {
      const field = selection as FieldNode;
      if (path.length === 0) out.add(field.name.value);
      else if (field.name.value === path[0]) collect(field.selectionSet, path.slice(1), fragments, out, visited);
    } else if (selection.kind === "InlineFragment") {
      collect(selection.selectionSet, path, fragments, out, visited);
    } else {
      const name = selection.name.value;
      if (visited.has(name)) continue;
      visited.add(name);
      collect(fragments[name]?.selectionSet, path, fragments, out, visited);
    }
  }
}
