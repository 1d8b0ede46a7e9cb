import { useQuery, useSubscription } from "@apollo/client/react";
import { useState } from "react";
import { Alert } from "../../components/common/alert";
import { LoadMoreButton } from "../../components/common/load-more-button";
import { QueryState } from "../../components/common/query-state";
import { LOG_TYPES, LogFilters } from "../../components/logs/log-filters";
import { LogTable } from "../../components/logs/log-table";
import { graphql } from "../../gql";
import { useLoadMore } from "../../hooks/use-load-more";
import type { LogLevel, LogType } from "../../gql/graphql";
import { errorMessage } from "../../lib/errors";
import { usePageTitle } from "../../hooks/use-page-title";

// id, type and level beside the row's fragment: the page filters and deduplicates live entries by them.
const LogsPageQuery = graphql(`
  query LogsPage($filter: LogFilter, $after: String, $first: Int) {
    logs(filter: $filter, after: $after, first: $first) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        type
        level
        ...LogRow_LogEntry
      }
    }
  }
`);

const LogAddedSubscription = graphql(`
  subscription LogAdded($types: [LogType!]) {
    logAdded(types: $types) {
      id
      type
      level
      ...LogRow_LogEntry
    }
  }
`);

const PAGE_SIZE = 50;

/** The admin's event log: newest first, filtered by type and level, with new entries arriving live. */
export function LogsPage() {
  usePageTitle("Logs");
  const [types, setTypes] = useState<readonly LogType[]>(LOG_TYPES);
  const [level, setLevel] = useState<LogLevel | "">("");
  const [message, setMessage] = useState<string | null>(null);

  // Every type ticked means no type filter; none ticked shows nothing.
  const allTypes = types.length === LOG_TYPES.length;
  const typeFilter = allTypes ? undefined : [...types];
  const filter = { ...(typeFilter ? { types: typeFilter } : {}), ...(level ? { levels: [level] } : {}) };

  const { data, loading, error, fetchMore, updateQuery } = useQuery(LogsPageQuery, {
    variables: { filter, first: PAGE_SIZE },
    skip: types.length === 0,
  });

  const live = useSubscription(LogAddedSubscription, {
    variables: { types: typeFilter },
    skip: types.length === 0,
    onData: ({ data: event }) => {
      const entry = event.data?.logAdded;
      if (!entry || (level && entry.level !== level) || !types.includes(entry.type)) return;
      updateQuery((_, { complete, previousData }) => {
        if (!complete) return;
        const logs = previousData.logs;
        if (logs.nodes.some((node) => node.id === entry.id)) return previousData;
        return { ...previousData, logs: { ...logs, totalCount: logs.totalCount + 1, nodes: [entry, ...logs.nodes] } };
      });
    },
  });

  const { loadingMore, loadMore } = useLoadMore(
    data?.logs.pageInfo.endCursor,
    (after) => fetchMore({ variables: { after } }),
    setMessage,
  );

  const nodes = types.length === 0 ? [] : (data?.logs.nodes ?? []);

  return (
    <main className="container py-4">
      <div className="d-flex align-items-center justify-content-between mb-3">
        <h1 className="h3 mb-0">Logs</h1>
        <span className="small text-body-secondary" role="status">
          {live.error ? `Live feed unavailable: ${errorMessage(live.error)}` : "Live"}
        </span>
      </div>
      <LogFilters types={types} onTypesChange={setTypes} level={level} onLevelChange={setLevel} />
      {message && <Alert kind="danger">{message}</Alert>}
      {types.length === 0 ? (
        <p className="text-body-secondary">Tick at least one type.</p>
      ) : (
        <QueryState
          loading={loading && !data}
          error={error}
          empty={nodes.length === 0}
          loadingText="Loading logs…"
          emptyText="No log entries match."
        >
          <p className="small text-body-secondary">
            Showing {nodes.length} of {data?.logs.totalCount ?? nodes.length}
          </p>
          <LogTable entries={nodes} />
        </QueryState>
      )}
      {types.length > 0 && data?.logs.pageInfo.hasNextPage && (
        <LoadMoreButton loadingMore={loadingMore} onLoadMore={loadMore} />
      )}
    </main>
  );
}
