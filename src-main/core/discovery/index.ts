export { DiscoveryService, DISCOVERY_JOB_KIND, discoveryCommand, type DiscoveryDeps, type DiscoveryHost, type ScanOptions } from './discovery-service';
export { buildDraft, cronName, type DraftHostInfo } from './build-draft';
export { interpretScan, type ParsedScan, type DiscoveredContainer } from './interpret-scan';
export { DISCOVERY_SCRIPT, splitSections, type Section } from './discovery-script';
