import type { Page } from '../stores/ui-store';

/** Simple 16px stroke icons, one per page; drawn inline so the CSP needs no image hosts. */
const PATHS: Record<Page, string> = {
  inventory: 'M2 3h12v3H2zM2 7h12v3H2zM2 11h12v3H2zM4 4.5h1M4 8.5h1M4 12.5h1',
  topology: 'M8 2.5v3M8 10.5v3M3.5 8h3M9.5 8h3M6.5 5.5h3v5h-3zM2 6.5h1.5v3H2zM12.5 6.5H14v3h-1.5z',
  logs: 'M3 3.5h10M3 6.5h7M3 9.5h10M3 12.5h5',
  metrics: 'M2 13.5h12M3.5 11l3-4 2.5 2 3.5-5',
  health: 'M1.5 8.5h3l1.5-4 3 7 1.5-3h4',
  backups: 'M3 4c0-1 2.2-1.5 5-1.5S13 3 13 4v8c0 1-2.2 1.5-5 1.5S3 13 3 12zM3 4c0 1 2.2 1.5 5 1.5S13 5 13 4M3 8c0 1 2.2 1.5 5 1.5S13 9 13 8',
  deploys: 'M8 13.5V3M4 7l4-4 4 4M3 13.5h10',
  snapshots: 'M2 5h2.5l1-1.5h5l1 1.5H14v8H2zM8 11.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z',
  settings: 'M8 10.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4',
};

export function PageIcon({ page }: { page: Page }) {
  return (
    <svg className="icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={PATHS[page]} />
    </svg>
  );
}

export function SearchIcon() {
  return (
    <svg className="icon" width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" aria-hidden="true">
      <path d="M7 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10zM10.5 10.5 14 14" />
    </svg>
  );
}
