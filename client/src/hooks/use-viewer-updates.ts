import { useSubscription } from "@apollo/client/react";
import { graphql } from "../gql";

const ViewerUpdatedSubscriptionDocument = graphql(`
  subscription ViewerUpdated {
    viewerUpdated {
      id
      name
      email
      role
      tier
      emailVerified
      totpEnabled
      totpPending
      budgetCents
      totalSpentCents
    }
  }
`);

/**
 * Keeps the logged-in user's account live: the API sends it whenever it changes (an admin sets the
 * budget or tier, orders take or refund budget, 2FA), and Apollo's normalised cache updates every
 * query that shows it (the navigation, the profile, order forms). The open socket also lets a
 * revoked session end in this tab at once (see apollo/client.ts).
 */
export function useViewerUpdates(signedIn: boolean): void {
  useSubscription(ViewerUpdatedSubscriptionDocument, { skip: !signedIn });
}
