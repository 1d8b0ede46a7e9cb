/** What a page shows while its code is on the way (the Suspense fallback of every route). */
export function PageLoading() {
  return (
    <div className="container py-4" role="status">
      <span className="spinner-border spinner-border-sm me-2" aria-hidden="true" />
      Loading…
    </div>
  );
}
