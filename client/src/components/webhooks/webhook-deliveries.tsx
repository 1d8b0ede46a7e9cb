import { NetworkStatus } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { useEffect, useId, useState } from "react";
import { graphql } from "../../gql";
import { useLoadMore } from "../../hooks/use-load-more";
import { errorMessage } from "../../lib/errors";
import { Alert } from "../common/alert";
import { LoadMoreButton } from "../common/load-more-button";
import { QueryState } from "../common/query-state";
import { WebhookDeliveryTable } from "./webhook-delivery-table";

// status and attempts beside the row's fragment: the list polls while a delivery is under way.
const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($webhookId: ID!, $first: Int, $after: String) {
    webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        status
        attempts
        ...WebhookDeliveryRow_WebhookDelivery
      }
    }
  }
`);

const PAGE_SIZE = 10;
/** How often the list asks again while a delivery is due now (queued, or redelivered). */
const POLL_MS = 1000;

/**
 * An endpoint's deliveries, newest first, a page at a time. While one is due now it polls until
 * that attempt is recorded; retries due later show on "Refresh".
 */
export function WebhookDeliveries({ webhookId, url }: { readonly webhookId: string; readonly url: string }) {
  const headingId = useId();
  const [message, setMessage] = useState<string | null>(null);
  const { data, loading, error, fetchMore, refetch, networkStatus, startPolling, stopPolling } = useQuery(
    WebhookDeliveriesQuery,
    { variables: { webhookId, first: PAGE_SIZE } },
  );
  const nodes = data?.webhookDeliveries.nodes ?? [];
  const dueNow = nodes.some((node) => node.status === "PENDING" && node.attempts === 0);
  useEffect(() => {
    if (dueNow) startPolling(POLL_MS);
    else stopPolling();
  }, [dueNow, startPolling, stopPolling]);

  const { loadingMore, loadMore } = useLoadMore(
    data?.webhookDeliveries.pageInfo.endCursor,
    (after) => fetchMore({ variables: { after } }),
    setMessage,
  );
  const refresh = async () => {
    setMessage(null);
    try {
      await refetch();
    } catch (err) {
      setMessage(errorMessage(err));
    }
  };

  return (
    <section className="mt-3" aria-labelledby={headingId}>
      <div className="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-2">
        <h4 className="h6 mb-0" id={headingId}>
          Deliveries<span className="visually-hidden"> to {url}</span>
        </h4>
        <button
          type="button"
          className="btn btn-sm btn-outline-secondary"
          onClick={() => void refresh()}
          disabled={networkStatus === NetworkStatus.refetch}
        >
          {networkStatus === NetworkStatus.refetch ? "Refreshing…" : "Refresh"}
          <span className="visually-hidden"> the deliveries to {url}</span>
        </button>
      </div>
      {message && <Alert kind="danger">{message}</Alert>}
      <QueryState
        loading={loading && !data}
        error={error}
        empty={nodes.length === 0}
        loadingText="Loading deliveries…"
        emptyText="No deliveries yet: they appear here once a subscribed event happens."
      >
        <p className="small text-body-secondary mb-1">
          Showing {nodes.length} of {data?.webhookDeliveries.totalCount ?? nodes.length}
        </p>
        <WebhookDeliveryTable url={url} deliveries={nodes} />
      </QueryState>
      {data?.webhookDeliveries.pageInfo.hasNextPage && (
        <LoadMoreButton loadingMore={loadingMore} onLoadMore={loadMore} />
      )}
    </section>
  );
}
