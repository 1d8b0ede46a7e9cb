/** One item's error in a bulk write: its index among the items, its code and its message. */
export interface BulkItemError {
  readonly index: number;
  readonly code: number;
  readonly errmsg?: string;
}

/** The per-item errors of a bulk write (`insertMany`, `bulkWrite`), or null when the whole command failed. */
export function bulkWriteErrors(error: unknown): BulkItemError[] | null {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  if (writeErrors === undefined || writeErrors === null) return null;
  const list = (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as BulkItemError[];
  return list.map((e) => ({ index: e.index, code: e.code, ...(e.errmsg === undefined ? {} : { errmsg: e.errmsg }) }));
}
