import { PlaceholderPage } from '../placeholders/placeholder-page';

/** The metrics page (being built). */
export function MetricsPage() {
  return <PlaceholderPage page="metrics" />;
}
