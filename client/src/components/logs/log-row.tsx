import { graphql, useFragment, type FragmentType } from "../../gql";
import type { LogLevel } from "../../gql/graphql";
import { formatDateTime } from "../../lib/format";

export const LogRowFragment = graphql(`
  fragment LogRow_LogEntry on LogEntry {
    id
    at
    type
    level
    message
    orderId
    productId
    userId
    actor {
      id
      name
    }
  }
`);

const LEVEL_CLASS: Record<LogLevel, string> = {
  INFO: "text-bg-secondary",
  WARN: "text-bg-warning",
  ERROR: "text-bg-danger",
};

/** One log entry: time, type, level, message, actor and the related ids. */
export function LogRow(props: { entry: FragmentType<typeof LogRowFragment> }) {
  const entry = useFragment(LogRowFragment, props.entry);
  const related = [
    entry.orderId && `order ${entry.orderId.slice(-8)}`,
    entry.productId && `product ${entry.productId.slice(-8)}`,
    entry.userId && `user ${entry.userId.slice(-8)}`,
  ].filter(Boolean);
  return (
    <tr data-testid="log-row" data-log-type={entry.type}>
      <td className="text-nowrap small" data-label="Time">
        {formatDateTime(entry.at)}
      </td>
      <td data-label="Type">
        <span className="badge text-bg-light border">{entry.type}</span>
      </td>
      <td data-label="Level">
        <span className={`badge ${LEVEL_CLASS[entry.level]}`}>{entry.level}</span>
      </td>
      <td data-label="Message">{entry.message}</td>
      <td className="small" data-label="Actor">
        {entry.actor?.name ?? "—"}
      </td>
      <td className="small text-body-secondary" data-label="Related">
        {related.join(", ") || "—"}
      </td>
    </tr>
  );
}
