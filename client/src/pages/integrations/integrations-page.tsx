import { usePageTitle } from "../../hooks/use-page-title";
import { ApiTokensSection } from "./api-tokens-section";
import { WebhooksSection } from "./webhooks-section";

/** What integrators use: API tokens and webhooks (each section owns its data). */
export function IntegrationsPage() {
  usePageTitle("Integrations");
  return (
    <main className="container py-4">
      <h1 className="h3 mb-3">Integrations</h1>
      <ApiTokensSection />
      <WebhooksSection />
    </main>
  );
}
