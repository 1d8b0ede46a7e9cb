import type { FragmentType } from "../../gql";
import { TableRegion } from "../common/table-region";
import { WebhookDeliveryRow, type WebhookDeliveryRowFragment } from "./webhook-delivery-row";

interface WebhookDeliveryTableProps {
  /** The endpoint's URL, naming the table. */
  readonly url: string;
  readonly deliveries: ReadonlyArray<{ readonly id: string } & FragmentType<typeof WebhookDeliveryRowFragment>>;
}

/** An endpoint's deliveries as a table, newest first (stacked cards on a phone). */
export function WebhookDeliveryTable({ url, deliveries }: WebhookDeliveryTableProps) {
  return (
    <TableRegion label={`Deliveries to ${url}`}>
      <table className="table table-sm align-middle table-stack">
        <caption className="visually-hidden">Deliveries to {url}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Response</th>
            <th scope="col">Duration</th>
            <th scope="col">Attempts</th>
            <th scope="col">When</th>
            <th scope="col">Last error</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => (
            <WebhookDeliveryRow key={delivery.id} delivery={delivery} />
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
