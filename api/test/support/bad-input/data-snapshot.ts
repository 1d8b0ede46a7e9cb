import type { mongo } from "mongoose";
import { truncate } from "./text";

/** Collections that change on every refused call, by design: the log and the login throttle. */
const UNWATCHED = new Set(["logs", "login_throttle"]);

/** Every document of every collection but the log and the login throttle, as plain JSON. */
export async function snapshot(db: mongo.Db): Promise<Record<string, Record<string, unknown>>> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((name) => !UNWATCHED.has(name) && !name.startsWith("system."))
    .sort();
  const result: Record<string, Record<string, unknown>> = {};
  for (const name of names) {
    const docs = await db.collection(name).find({}).toArray();
    result[name] = Object.fromEntries(
      docs.map((doc) => [String(doc["_id"]), JSON.parse(JSON.stringify(doc)) as unknown]),
    );
  }
  return result;
}

/** What differs between two snapshots, one line per document. */
export function differences(
  before: Record<string, Record<string, unknown>>,
  after: Record<string, Record<string, unknown>>,
): string[] {
  const lines: string[] = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[name] ?? {};
    const b = after[name] ?? {};
    for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(id in a)) lines.push(`${name} ${id} added: ${truncate(JSON.stringify(b[id]), 400)}`);
      else if (!(id in b)) lines.push(`${name} ${id} removed`);
      else {
        const x = a[id] as Record<string, unknown>;
        const y = b[id] as Record<string, unknown>;
        for (const field of new Set([...Object.keys(x), ...Object.keys(y)])) {
          const [from, to] = [JSON.stringify(x[field]), JSON.stringify(y[field])];
          if (from !== to) lines.push(`${name} ${id}.${field}: ${truncate(from, 120)} → ${truncate(to, 120)}`);
        }
      }
    }
  }
  return lines;
}
