import { join } from 'node:path';
import { isAppError } from './contract';
import { defaultDataDir } from './data-dir';
import { composeApp } from './ipc/compose';
import { runImportCommand } from './cli-import';
import { runAnalyzeLogCommand } from './cli-analyze-log';
import { startServeHost } from './serve/serve-host';
import { version } from '../package.json';

const HELP = `Opsdeck ${version} — one console for your hosts, services, logs, metrics, backups and deploys.

Usage:
  opsdeck serve [--port N] [--data-dir DIR]   Serve Opsdeck to a browser on 127.0.0.1
  opsdeck import PATH… [--dry-run] [--json]   Read compose/render/railway/netlify/Procfile/PM2/nginx/.env
                                              files and print the inventory they describe (opsdeck import --help)
  opsdeck analyze-log FILE… [--log-format F] [--json]
                                              nginx access-log panels: requests, visitors, status codes,
                                              paths, latency (plain, .gz or - for stdin; analyze-log --help)
  opsdeck help                                This text
  opsdeck --version                           The version

Environment:
  OPSDECK_DATA_DIR   data folder (default: ${defaultDataDir()})
  OPSDECK_PORT       port for serve (default: a free port)
  OPSDECK_VAULT_KEY  64 hex characters: an explicit vault key for automation and tests
`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value.`);
  return v;
}

async function serve(args: string[]): Promise<number> {
  const dataDir = flag(args, '--data-dir') ?? defaultDataDir();
  const portText = flag(args, '--port') ?? process.env.OPSDECK_PORT;
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`The port "${portText}" is not a number from 1 to 65535.`);
    return 2;
  }
  const envKey = process.env.OPSDECK_VAULT_KEY;
  let app;
  try {
    app = await composeApp({
      dataDir,
      host: 'serve',
      version,
      envKey: envKey && envKey.length > 0 ? envKey : undefined,
      osLocale: Intl.DateTimeFormat().resolvedOptions().locale,
    });
  } catch (err) {
    if (isAppError(err)) {
      console.error(`Opsdeck cannot start: ${err.message}${err.hint ? `\n${err.hint}` : ''}`);
      return 1;
    }
    throw err;
  }
  let host;
  try {
    host = await startServeHost({
      dispatch: app.dispatch,
      onAnyEvent: (l) => app.core.bus.onAny(l),
      onConnectionClosed: (id) => app.hub.closeConnection(id),
      staticDir: join(__dirname, '..', 'renderer'),
      port,
    });
  } catch (err) {
    app.close();
    const code = (err as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${port} on 127.0.0.1 is already in use. Choose another with --port, or leave it out to take a free one.`
        : `Opsdeck cannot listen on 127.0.0.1:${port}: ${(err as Error).message}`,
    );
    return 1;
  }
  console.log(`Data folder: ${dataDir}`);
  console.log(`Opsdeck is ready: ${host.url}`);
  console.log('Open that address in a browser on this machine. Stop with Ctrl+C.');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  app.close();
  return 0;
}

export async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'import':
      return runImportCommand(rest, version);
    case 'analyze-log':
      return runAnalyzeLogCommand(rest);
    case '--version':
    case 'version':
      console.log(version);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return 0;
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
}
