import { emptyPart, type Importer, type ImportFile } from '../types';
import { parseNginxConfig } from './nginx-config-parser';
import { FORMAT, nginxDraft } from './nginx-draft';

/** nginx site and main configs (and `nginx -T` dumps) → nginx-site services and their backends. */

const BY_NAME = /(^|[/\\_.-])(nginx[\w.-]*\.conf|nginx\.conf|[\w.-]+\.conf|nginx)$/i;
const BY_DIR = /(^|[/\\])(sites-available|sites-enabled|conf\.d|nginx)[/\\][^/\\]+$/;
/** Content that only nginx configuration has. */
const NGINX_CONTENT = /(^|\n)\s*(server|upstream|http|events|location)\s*[^\n;{]*\{|(^|\n)\s*(server_name|proxy_pass|listen|worker_processes|ssl_certificate|add_header|gzip|root)\s+[^\n]*;|# configuration file \//;

/** A saved `nginx -T`: its first file marker within the first lines. */
const DUMP_MARKER = /^(?:[^\n]*\n){0,5}# configuration file \/[^\n]*:[ \t]*\r?\n/;
/** A server block with nginx's own directives, an upstream block, or an `nginx -T` dump. */
const STRONG_CONTENT = /(^|\n)\s*(server|http)\s*\{[\s\S]*?\n\s*(listen|server_name|location|proxy_pass|root|include)\b[^\n]*[;{]|(^|\n)\s*upstream\s+[\w.-]+\s*\{|(^|\n)# configuration file \/[^\n]*:\s*(\n|$)/;

export const nginxImporter: Importer = {
  format: FORMAT,
  detect(file: ImportFile): boolean {
    // detection looks at the head of the file only: enough for any config, bounded for any input
    const head = file.content.slice(0, 200_000);
    if (DUMP_MARKER.test(head)) return true;
    if (/\.(ya?ml|json|toml|[cm]?js|ts|md|txt|env|example|sample|py|rb|php|html?)$/i.test(file.path)) return false;
    if (STRONG_CONTENT.test(head)) return true;
    if (BY_NAME.test(file.path) || BY_DIR.test(file.path.replace(/\\/g, '/')) || /sites-(available|enabled)_/.test(file.path)) {
      return NGINX_CONTENT.test(head);
    }
    return false;
  },
  parse(file, siblings) {
    try {
      return nginxDraft(parseNginxConfig(file.content, file.path), file, siblings);
    } catch (err) {
      const part = emptyPart(FORMAT);
      part.errors.push({ severity: 'error', format: FORMAT, file: file.path, line: 1, column: 1, message: `Could not read this nginx configuration: ${(err as Error).message}` });
      return part;
    }
  },
};

export { parseNginxConfig, splitNginxDump, parseListen, parseUpstreamServer } from './nginx-config-parser';
export type { NginxConfig, NginxServer, NginxListen, NginxLocation, NginxUpstream, NginxUpstreamServer, NginxSsl, NginxInclude } from './nginx-config-parser';
export { parseNginxSyntax } from './nginx-syntax';
export type { NginxDirective } from './nginx-syntax';
