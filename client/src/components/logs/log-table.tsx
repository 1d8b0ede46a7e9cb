import type { FragmentType } from "../../gql";
import { TableRegion } from "../common/table-region";
import { LogRow, type LogRowFragment } from "./log-row";

/** An entry as the table gets it: its id (the row's key) and the row's own fragment. */
export type LogTableEntry = { readonly id: string } & FragmentType<typeof LogRowFragment>;

/** The log entries as a table (stacked cards on small screens), newest first as given. */
export function LogTable({ entries }: { entries: readonly LogTableEntry[] }) {
  return (
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
          {entries.map((entry) => (
            <LogRow key={entry.id} entry={entry} />
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
