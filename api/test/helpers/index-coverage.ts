import type { mongo } from "mongoose";

/** The part of a database command that decides whether an index can serve it. */
export interface QueryShape {
  readonly collection: string;
  /** What issued it: find, count, aggregate, update, findAndModify, delete. */
  readonly command: string;
  /** Field → "eq" (equality, $in, $eq) or "range" (anything else: $lt, $gte, $ne, $exists…). */
  readonly fields: Readonly<Record<string, "eq" | "range">>;
  /** Sort fields in order, with their direction. */
  readonly sort: ReadonlyArray<readonly [string, 1 | -1]>;
}

export type IndexKey = ReadonlyArray<readonly [string, 1 | -1]>;

const EQUALITY = new Set(["$eq", "$in"]);

/** Top-level fields of a filter (an `$and` is flattened; an `$or` is left out, as no query here uses one). */
function filterFields(filter: Record<string, unknown> | undefined): Record<string, "eq" | "range"> {
  const fields: Record<string, "eq" | "range"> = {};
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (key === "$and" && Array.isArray(value)) {
      for (const part of value) Object.assign(fields, filterFields(part as Record<string, unknown>));
      continue;
    }
    if (key.startsWith("$")) continue;
    if (value instanceof RegExp || (value as { _bsontype?: string } | null)?._bsontype === "BSONRegExp") {
      fields[key] = "range";
      continue;
    }
    const operators =
      value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)
        ? Object.keys(value)
        : [];
    const isOperatorObject = operators.length > 0 && operators.every((op) => op.startsWith("$"));
    fields[key] = !isOperatorObject || operators.every((op) => EQUALITY.has(op)) ? "eq" : "range";
  }
  return fields;
}

/** A command's sort: the driver sends a Map (to keep the order), a plain object also occurs. */
function sortFields(sort: unknown): Array<readonly [string, 1 | -1]> {
  if (sort === null || typeof sort !== "object") return [];
  const entries = sort instanceof Map ? [...(sort as Map<string, unknown>).entries()] : Object.entries(sort);
  return entries.map(([field, dir]) => [field, Number(dir) < 0 || dir === "desc" ? -1 : 1] as const);
}

/** The filter and sort of a command that reads or writes documents by a query, or undefined for others. */
export function queryShape(event: mongo.CommandStartedEvent): QueryShape | undefined {
  const command = event.command as Record<string, unknown>;
  const name = event.commandName;
  const collection = command[name];
  if (typeof collection !== "string") return undefined;
  const shape = (filter: unknown, sort?: unknown): QueryShape => ({
    collection,
    command: name,
    fields: filterFields(filter as Record<string, unknown> | undefined),
    sort: sortFields(sort),
  });
  switch (name) {
    case "find":
      return shape(command["filter"], command["sort"]);
    case "count":
      return shape(command["query"]);
    case "findAndModify":
      return shape(command["query"], command["sort"]);
    case "update":
    case "delete": {
      const first = (command[name === "update" ? "updates" : "deletes"] as Array<Record<string, unknown>>)[0];
      return shape(first?.["q"]);
    }
    case "aggregate": {
      const pipeline = command["pipeline"] as Array<Record<string, unknown>>;
      const match = pipeline[0]?.["$match"];
      const sortStage = pipeline.find((stage) => "$sort" in stage)?.["$sort"];
      return pipeline[0] !== undefined && "$facet" in pipeline[0]
        ? { collection, command: "aggregate $facet", fields: {}, sort: [] }
        : shape(match, match === undefined ? undefined : sortStage);
    }
    default:
      return undefined;
  }
}

/**
 * Whether MongoDB can serve the query from this index without scanning the collection: the index
 * starts with fields the query fixes by equality (any order among them; a query that fixes any
 * field must use one), and either the next index field is filtered too (a range), or the query's
 * sort continues the index from there (in the index's direction or entirely reversed).
 */
export function indexServes(index: IndexKey, query: QueryShape): boolean {
  let prefix = 0;
  while (prefix < index.length && query.fields[index[prefix][0]] === "eq") prefix++;
  if (prefix === 0 && Object.values(query.fields).includes("eq")) return false;
  const rest = index.slice(prefix);
  if (query.sort.length > 0) {
    const sort = query.sort.filter(([field]) => query.fields[field] !== "eq");
    if (sort.length === 0) return prefix > 0;
    if (sort.length > rest.length) return false;
    const forward = sort.every(([field, dir], i) => rest[i][0] === field && rest[i][1] === dir);
    const reverse = sort.every(([field, dir], i) => rest[i][0] === field && rest[i][1] === -dir);
    return forward || reverse;
  }
  return prefix > 0 || (rest.length > 0 && query.fields[rest[0][0]] === "range");
}

/** Whether the query needs an index at all: it filters or sorts. */
export function needsIndex(query: QueryShape): boolean {
  return Object.keys(query.fields).length > 0 || query.sort.length > 0;
}

/** A short, stable description of a query's shape, for messages and allow-lists. */
export function describeShape(query: QueryShape): string {
  const fields = Object.entries(query.fields)
    .map(([field, kind]) => `${field}:${kind}`)
    .sort()
    .join(",");
  const sort = query.sort.map(([field, dir]) => `${field}:${dir}`).join(",");
  return `${query.collection} ${query.command} {${fields}}${sort === "" ? "" : ` sort {${sort}}`}`;
}
