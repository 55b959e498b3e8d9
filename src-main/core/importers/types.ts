import type { DraftEnvVar, DraftHost, DraftIssue, DraftLink, DraftService } from '../../contract';

/** One file handed to the importers: its path as the user sees it, and its text. */
export interface ImportFile {
  path: string;
  content: string;
}

/** What one importer makes of one file. Items carry provenance (file, line). */
export interface DraftPart {
  format: string;
  environments: string[];
  hosts: DraftHost[];
  services: DraftService[];
  links: DraftLink[];
  envVars: DraftEnvVar[];
  warnings: DraftIssue[];
  /** A broken file gives one located error here and nothing else from it. */
  errors: DraftIssue[];
  /**
   * Placeholders that stand for processes on the same host (nginx `upstream` of 127.0.0.1:5000,
   * :5001…): their key → the local ports. importFiles joins one to the one imported app that
   * listens on one of those ports.
   */
  localPorts?: Record<string, number[]>;
}

/**
 * One importer per format (core/importers/<format>/). Importers never execute what they read:
 * YAML/TOML/JSON are parsed as data, JavaScript is parsed to a syntax tree and only literals
 * are read from it.
 */
export interface Importer {
  format: string;
  /** Whether this importer reads this file (by name first, then by content when ambiguous). */
  detect(file: ImportFile): boolean;
  /** `siblings` are the other files of the same import (compose env_file, extends…). */
  parse(file: ImportFile, siblings: readonly ImportFile[]): DraftPart;
}

export function emptyPart(format: string): DraftPart {
  return { format, environments: [], hosts: [], services: [], links: [], envVars: [], warnings: [], errors: [] };
}
