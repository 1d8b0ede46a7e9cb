import { useState } from "react";
import { errorMessage } from "../lib/errors";

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
