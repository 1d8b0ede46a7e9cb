/** The "Load more" button under a paginated list. */
export function LoadMoreButton({ loadingMore, onLoadMore }: { loadingMore: boolean; onLoadMore: () => Promise<void> }) {
  return (
    <button
      type="button"
      className="btn btn-outline-secondary"
      onClick={() => void onLoadMore()}
      disabled={loadingMore}
    >
      {loadingMore ? "Loading…" : "Load more"}
    </button>
  );
}
