import type { ServiceKind } from '../../../contract';

/**
 * What a container image most likely runs, for the kind of its draft service and the kind of
 * links pointing at it.
 *
 * Only engines Opsdeck manages first-class get their own kind: postgres → 'postgres',
 * redis/valkey/keydb → 'redis'. MySQL, MariaDB, MongoDB… stay 'container' (the user can still
 * see logs/metrics of the container) but keep the role 'database' so that depends_on and
 * DATABASE_URL give 'uses-database' links. A proxy image (nginx, traefik, caddy, haproxy,
 * envoy) also stays 'container': 'nginx-site' means a site on a host's own nginx (server names,
 * config file), which a container image does not tell us. Its dependencies become
 * 'proxies-to' links.
 */
export type ServiceRole = 'database' | 'cache' | 'proxy' | 'queue' | null;

export interface ImageKind {
  kind: ServiceKind;
  role: ServiceRole;
  /** What we recognised, for notes ("MySQL database (image mysql:8)"). */
  label: string | null;
}

interface Rule {
  names: RegExp;
  kind: ServiceKind;
  role: ServiceRole;
  label: string;
}

const RULES: readonly Rule[] = [
  { names: /^(postgres|postgresql|postgis|timescaledb(-ha)?|pgvector|bitnami-postgresql|postgresql-repmgr|supabase-postgres|patroni|spilo.*)$/, kind: 'postgres', role: 'database', label: 'PostgreSQL' },
  { names: /^(redis|redis-stack|redis-stack-server|valkey|keydb|bitnami-redis|dragonfly)$/, kind: 'redis', role: 'cache', label: 'Redis-compatible cache' },
  { names: /^(pgbouncer|pgpool|pgpool2|pgcat|odyssey)$/, kind: 'container', role: 'database', label: 'PostgreSQL connection pooler' },
  { names: /^(mysql|mysql-server|percona(-server)?)$/, kind: 'container', role: 'database', label: 'MySQL database' },
  { names: /^(mariadb|mariadb-server)$/, kind: 'container', role: 'database', label: 'MariaDB database' },
  { names: /^(mongo|mongodb|mongodb-community-server)$/, kind: 'container', role: 'database', label: 'MongoDB database' },
  { names: /^(mssql-server|mssql|azure-sql-edge)$/, kind: 'container', role: 'database', label: 'SQL Server database' },
  { names: /^(clickhouse-server|clickhouse|cassandra|couchdb|elasticsearch|opensearch|influxdb|neo4j|cockroach)$/, kind: 'container', role: 'database', label: 'data store' },
  { names: /^(memcached)$/, kind: 'container', role: 'cache', label: 'Memcached cache' },
  { names: /^(rabbitmq|kafka|cp-kafka|nats|activemq|redpanda|zookeeper)$/, kind: 'container', role: 'queue', label: 'message broker' },
  { names: /^(nginx|nginx-unprivileged|openresty|traefik|caddy|haproxy|envoy|nginx-proxy|nginx-proxy-manager|swag)$/, kind: 'container', role: 'proxy', label: 'reverse proxy' },
];

/** The image's repository name without registry, namespace, tag or digest: "library/postgres:16" → "postgres". */
export function imageBaseName(image: string): string {
  const noDigest = image.split('@')[0];
  const lastSlash = noDigest.lastIndexOf('/');
  const last = noDigest.slice(lastSlash + 1);
  const colon = last.indexOf(':');
  return (colon >= 0 ? last.slice(0, colon) : last).toLowerCase();
}

export function kindFromImage(image: string | undefined | null): ImageKind {
  if (!image) return { kind: 'container', role: null, label: null };
  const base = imageBaseName(image);
  // Images such as "bitnami/postgresql" or "pgvector/pgvector" name the engine in the namespace.
  const ns = image.split('@')[0].toLowerCase().split('/').slice(-2, -1)[0] ?? '';
  for (const r of RULES) {
    if (r.names.test(base) || (ns && r.names.test(ns) && base === ns)) return { kind: r.kind, role: r.role, label: r.label };
  }
  if (/postgres/.test(base)) return { kind: 'postgres', role: 'database', label: 'PostgreSQL' };
  return { kind: 'container', role: null, label: null };
}

/** Role of a service from its kind, for targets that are not containers (render, railway). */
export function roleOfKind(kind: ServiceKind): ServiceRole {
  if (kind === 'postgres' || kind === 'sqlite-file') return 'database';
  if (kind === 'redis') return 'cache';
  if (kind === 'nginx-site') return 'proxy';
  return null;
}

/**
 * A start command that runs a background queue consumer or scheduler rather than a server:
 * Celery worker/beat, RQ, Sidekiq, Dramatiq, arq, Huey, Django-Q… (platforms whose config has no
 * service type, such as railway.json, say it only through the command).
 */
const QUEUE_WORKER = /\bcelery\b.*\b(worker|beat)\b|\brq\s+worker\b|\brqworker\b|\bsidekiq\b|\bdramatiq\b|\barq\s+\S|\bhuey_consumer\b|\bqcluster\b|\bprocess_tasks\b/i;

export function isQueueWorkerCommand(command: string | undefined): boolean {
  return !!command && QUEUE_WORKER.test(command);
}
