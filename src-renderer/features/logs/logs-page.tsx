import { PlaceholderPage } from '../placeholders/placeholder-page';

/** The logs page (being built). */
export function LogsPage() {
  return <PlaceholderPage page="logs" />;
}
