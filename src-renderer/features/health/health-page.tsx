import { PlaceholderPage } from '../placeholders/placeholder-page';

/** The health page (being built). */
export function HealthPage() {
  return <PlaceholderPage page="health" />;
}
