/**
 * The text files of the SERVISTECH droplet, from seed 001: its crontab, the compose file the
 * project deploys with (the fleet runs the same services as processes), and a small schema.
 */

/** The seed's schedule ("Cron Jobs Programados"), as the cron container's crontab has it. */
export function servistechCrontab(scripts: string, logs: string): string {
  return [
    '# m h dom mon dow command',
    '# SERVISTECH ERP v4 (seed 001, cron/crontab)',
    `0 8,13 * * 1-6 ${scripts}/scrape-bcv.sh >> ${logs}/cron-bcv.log 2>&1`,
    `*/30 7-19 * * 1-6 ${scripts}/update-binance.sh >> ${logs}/cron-binance.log 2>&1`,
    `0 2 * * * ${scripts}/backup-database.sh daily >> ${logs}/cron-backup.log 2>&1`,
    `0 3 * * 0 ${scripts}/backup-database.sh weekly-full >> ${logs}/cron-backup.log 2>&1`,
    `0 4 * * * ${scripts}/cleanup-backups.sh >> ${logs}/cron-cleanup.log 2>&1`,
    `59 23 * * * ${scripts}/calculate-commissions.sh >> ${logs}/cron-commissions.log 2>&1`,
    `0 9 * * * ${scripts}/health-report.sh >> ${logs}/cron-health.log 2>&1`,
    '',
  ].join('\n');
}

export const servistechCompose = `# SERVISTECH ERP v4: production stack (seed 001). In the Opsdeck test fleet these services run
# as processes of the droplet's user; only the cron service runs as a container (podman).
services:
  postgres:
    image: postgres:15-alpine
    environment:
      POSTGRES_DB: servistech
      POSTGRES_USER: servistech
      POSTGRES_PASSWORD: \${DB_PASSWORD}
    volumes: [pgdata:/var/lib/postgresql/data]
    ports: ["127.0.0.1:5432:5432"]
  pgbouncer:
    image: edoburu/pgbouncer
    environment:
      DATABASE_URL: postgres://servistech:\${DB_PASSWORD}@postgres:5432/servistech
      POOL_MODE: transaction
    ports: ["6432:6432"]
    depends_on: [postgres]
  redis:
    image: redis:7-alpine
    command: redis-server --requirepass \${REDIS_PASSWORD}
    ports: ["127.0.0.1:6379:6379"]
  api:
    build: ./api
    deploy: { replicas: 2 }
    environment:
      DATABASE_URL: postgres://servistech:\${DB_PASSWORD}@pgbouncer:6432/servistech
      REDIS_URL: redis://:\${REDIS_PASSWORD}@redis:6379
    expose: ["3001"]
    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://localhost:3001/health"]
      interval: 30s
    depends_on: [pgbouncer, redis]
  websocket:
    build: ./websocket
    expose: ["3002"]
    depends_on: [redis]
  nginx:
    image: nginx:alpine
    ports: ["80:80", "443:443"]
    depends_on: [api, websocket]
  cron:
    build: ./cron
    depends_on: [postgres]
volumes:
  pgdata:
`;

export const servistechSchema = `
CREATE TABLE clients (id serial PRIMARY KEY, name text NOT NULL, rif text UNIQUE, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE invoices (id serial PRIMARY KEY, client_id int NOT NULL REFERENCES clients(id), total_usd numeric(12,2) NOT NULL, status text NOT NULL DEFAULT 'pending', created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE exchange_rates (id serial PRIMARY KEY, source text NOT NULL, usd_ves numeric(12,4) NOT NULL, fetched_at timestamptz NOT NULL DEFAULT now());
INSERT INTO clients (name, rif) VALUES ('Talleres Caracas C.A.', 'J-30123456-7'), ('Servicios Valencia', 'J-40234567-8');
INSERT INTO invoices (client_id, total_usd, status) VALUES (1, 120.50, 'paid'), (1, 80.00, 'pending'), (2, 310.75, 'paid');
INSERT INTO exchange_rates (source, usd_ves) VALUES ('BCV', 36.5012), ('BINANCE', 38.1200);
`;
