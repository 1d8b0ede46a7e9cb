import { useQuery, useSubscription } from "@apollo/client/react";
import { useState } from "react";
import { LogRow } from "../../components/logs/log-row";
import { LoadMoreButton } from "../../components/common/load-more-button";
import { TableRegion } from "../../components/common/table-region";
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

const LOG_TYPES: readonly LogType[] = ["AUTH", "USER", "PRODUCT", "STOCK", "ORDER", "SCHEDULER", "SYSTEM", "ERROR"];
const LOG_LEVELS: readonly LogLevel[] = ["INFO", "WARN", "ERROR"];
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

  const toggleType = (type: LogType) =>
    setTypes((current) =>
      current.includes(type)
        ? current.filter((t) => t !== type)
        : LOG_TYPES.filter((t) => t === type || current.includes(t)),
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
      <form className="card card-body mb-3" onSubmit={(e) => e.preventDefault()} aria-label="Filter logs">
        <fieldset className="mb-2">
          <legend className="form-label fs-6">Types</legend>
          <div className="d-flex flex-wrap gap-3">
            {LOG_TYPES.map((type) => (
              <div className="form-check" key={type}>
                <input
                  id={`logs-type-${type}`}
                  type="checkbox"
                  className="form-check-input"
                  checked={types.includes(type)}
                  onChange={() => toggleType(type)}
                />
                <label className="form-check-label" htmlFor={`logs-type-${type}`}>
                  {type.charAt(0) + type.slice(1).toLowerCase()}
                </label>
              </div>
            ))}
            <button type="button" className="btn btn-link btn-sm p-0" onClick={() => setTypes(LOG_TYPES)}>
              All types
            </button>
          </div>
        </fieldset>
        <div style={{ maxWidth: 240 }}>
          <label htmlFor="logs-level" className="form-label">
            Level
          </label>
          <select
            id="logs-level"
            className="form-select"
            value={level}
            onChange={(e) => setLevel(e.target.value as LogLevel | "")}
          >
            <option value="">All levels</option>
            {LOG_LEVELS.map((value) => (
              <option key={value} value={value}>
                {value.charAt(0) + value.slice(1).toLowerCase()}
              </option>
            ))}
          </select>
        </div>
      </form>
      {message && (
        <div className="alert alert-danger" role="alert">
          {message}
        </div>
      )}
      {types.length === 0 ? (
        <p className="text-body-secondary">Tick at least one type.</p>
      ) : error ? (
        <div className="alert alert-danger" role="alert">
          {errorMessage(error)}
        </div>
      ) : loading && !data ? (
        <p className="text-body-secondary" role="status">
          Loading logs…
        </p>
      ) : nodes.length === 0 ? (
        <p className="text-body-secondary">No log entries match.</p>
      ) : (
        <>
          <p className="small text-body-secondary">
            Showing {nodes.length} of {data?.logs.totalCount ?? nodes.length}
          </p>
          <TableRegion label="Log entries">
            <table className="table table-sm align-middle table-stack" aria-label="Log entries">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Type</th>
                  <th scope="col">Level</th>
                  <th scope="col">Message</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Related</th>
                </tr>
              </thead>
              <tbody>
                {nodes.map((entry) => (
                  <LogRow key={entry.id} entry={entry} />
                ))}
              </tbody>
            </table>
          </TableRegion>
        </>
      )}
      {types.length > 0 && data?.logs.pageInfo.hasNextPage && (
        <LoadMoreButton loadingMore={loadingMore} onLoadMore={loadMore} />
      )}
    </main>
  );
}
