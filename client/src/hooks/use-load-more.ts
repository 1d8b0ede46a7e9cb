import { useState } from "react";
import { errorMessage } from "../lib/errors";

/** Appends the nodes of a further page, skipping any already listed. */
export function appendNewNodes<T extends { id: string }>(previous: readonly T[], next: readonly T[]): T[] {
  const seen = new Set(previous.map((node) => node.id));
  return [...previous, ...next.filter((node) => !seen.has(node.id))];
}

/** "Load more" for a cursor-paginated list: fetches the page after `endCursor`, reporting failures through `setMessage`. */
export function useLoadMore(
  endCursor: string | null | undefined,
  fetchPage: (after: string) => Promise<unknown>,
  setMessage: (message: string | null) => void,
  { clearMessage = true }: { clearMessage?: boolean } = {},
) {
  const [loadingMore, setLoadingMore] = useState(false);

  const loadMore = async () => {
    const after = endCursor;
    if (!after) return;
    setLoadingMore(true);
    if (clearMessage) setMessage(null);
    try {
      await fetchPage(after);
    } catch (err) {
      setMessage(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  };

  return { loadingMore, loadMore };
}
