import type { EnvironmentKind, HostAuthMethod, LinkKind, ServiceConfig, ServiceKind } from '../../contract';

/**
 * The demo inventory: the five systems of the seed documents (../shared/seeds), as their teams
 * describe them, so a new user sees a realistic console before adding anything. Data only; the
 * loader is demo-loader.ts. Addresses are documentation ones (203.0.113.0/24, *.example.com)
 * so nothing here can reach a real machine, and there are no secrets: hosts use the SSH agent.
 */

export interface DemoHost {
  name: string;
  address: string;
  username: string;
  authMethod: Exclude<HostAuthMethod, 'password'>;
  provider: 'digitalocean' | 'vps';
  tags: string[];
  notes: string;
}
export interface DemoService {
  name: string;
  kind: ServiceKind;
  /** Name of a host of the same environment; absent for PaaS, managed and external services. */
  host?: string;
  config: ServiceConfig;
  notes: string;
}
/** [from service, kind, to service], by name within the environment. */
export type DemoLink = readonly [string, LinkKind, string];
export interface DemoEnvironment {
  name: string;
  kind: EnvironmentKind;
  hosts: DemoHost[];
  services: DemoService[];
  links: DemoLink[];
}
export interface DemoProject {
  name: string;
  description: string;
  environments: DemoEnvironment[];
}

const svc = (name: string, kind: ServiceKind, config: ServiceConfig, notes = '', host?: string): DemoService =>
  host ? { name, kind, host, config, notes } : { name, kind, config, notes };
const external = (name: string, notes: string): DemoService => svc(name, 'http-endpoint', {}, `Servicio externo: ${notes}`);

const prexcol: DemoProject = {
  name: 'PREXCOL',
  description: 'React + Django REST. Frontend en Netlify, backend en Railway/Render, PostgreSQL 15, Redis Cloud, Celery (2 workers + beat), Cloudflare delante.',
  environments: [
    {
      name: 'production',
      kind: 'production',
      hosts: [],
      services: [
        svc('cloudflare', 'http-endpoint', { serverNames: ['prexcol.example.com', 'api.prexcol.example.com'] }, 'DNS + CDN, SSL/TLS y protección DDoS delante del frontend y la API.'),
        svc('prexcol-frontend', 'paas-service', { platform: 'netlify', platformServiceId: 'prexcol', url: 'https://prexcol.example.com', command: 'npm run build' }, 'React + Vite en Netlify; publica dist/ y despliega solo al hacer push a main.'),
        svc('prexcol-backend', 'paas-service', { platform: 'railway', platformServiceId: 'prexcol-backend', url: 'https://api.prexcol.example.com', command: 'gunicorn backend.wsgi:application --bind 0.0.0.0:$PORT', replicas: 2 }, 'Django 4.2 + DRF con Gunicorn (4 workers); Render como alternativa. Pipeline: migrate → collectstatic → health check → rollback si falla.'),
        svc('prexcol-postgres', 'postgres', { platform: 'railway', port: 5432 }, 'PostgreSQL 15 gestionado: backups automáticos, point-in-time recovery, max_connections 100.'),
        svc('redis-cloud', 'redis', { port: 6379 }, 'Redis Cloud gestionado: caché, broker y resultados de Celery.'),
        svc('celery-worker', 'worker', { platform: 'railway', command: 'celery -A backend worker -l info', replicas: 2 }, 'Dos workers de Celery: correos, reportes y tareas asíncronas.'),
        svc('celery-beat', 'worker', { platform: 'railway', command: 'celery -A backend beat -l info' }, 'Planificador de tareas periódicas.'),
        external('sendgrid', 'correo (SMTP).'),
        external('payment-gateway', 'pasarela de pagos.'),
        external('sentry', 'monitoreo de errores.'),
        external('aws-s3-media', 'archivos media en AWS S3.'),
      ],
      links: [
        ['cloudflare', 'proxies-to', 'prexcol-frontend'],
        ['cloudflare', 'proxies-to', 'prexcol-backend'],
        ['prexcol-frontend', 'depends-on', 'prexcol-backend'],
        ['prexcol-backend', 'uses-database', 'prexcol-postgres'],
        ['prexcol-backend', 'uses-cache', 'redis-cloud'],
        ['prexcol-backend', 'depends-on', 'aws-s3-media'],
        ['prexcol-backend', 'depends-on', 'payment-gateway'],
        ['prexcol-backend', 'depends-on', 'sentry'],
        ['celery-worker', 'depends-on', 'redis-cloud'],
        ['celery-beat', 'depends-on', 'redis-cloud'],
        ['celery-worker', 'depends-on', 'sendgrid'],
        ['celery-worker', 'depends-on', 'sentry'],
      ],
    },
  ],
};

const VPS = 'servistech-vps';
const compose = (name: string, config: ServiceConfig, notes: string) =>
  svc(name, 'container', { composeProject: 'servistech', containerName: name, ...config }, notes, VPS);
const cron = (name: string, schedule: string, script: string, notes: string) =>
  svc(name, 'cron-job', { schedule, command: `cron/scripts/${script}` }, notes, VPS);

const servistech: DemoProject = {
  name: 'SERVISTECH ERP v4',
  description: 'ERP en Node.js con docker-compose en un VPS: PostgreSQL, PgBouncer, Redis, API x2, WebSocket, Nginx y un contenedor de cron. Cloudflare delante.',
  environments: [
    {
      name: 'production',
      kind: 'production',
      hosts: [
        { name: VPS, address: '203.0.113.20', username: 'root', authMethod: 'agent', provider: 'vps', tags: ['docker-compose'], notes: 'Recomendado: 4 vCPU, 8 GB RAM, 100 GB SSD. Puertos 80/443 abiertos; PostgreSQL y Redis solo en localhost.' },
      ],
      services: [
        svc('cloudflare', 'http-endpoint', { serverNames: ['erp.servistech.example.com'] }, 'CDN + SSL, protección DDoS y caché.'),
        svc('servistech-stack', 'compose-project', { composeProject: 'servistech', composeFile: 'docker-compose.yml' }, 'Se opera con ./deploy.sh (stop, restart, logs, update, backup, migrate, status).', VPS),
        compose('nginx', { port: 443, serverNames: ['erp.servistech.example.com'] }, 'Proxy inverso: SSL, gzip, rate limiting (10 req/s API, 5 req/min auth), cabeceras de seguridad.'),
        compose('api', { port: 3001, healthPath: '/health', replicas: 2 }, 'API Node.js (2 réplicas); /metrics expone conexiones y recursos. Migraciones con Prisma.'),
        compose('websocket', { port: 3002, healthPath: '/ws/health' }, 'Notificaciones en tiempo real con Redis pub/sub.'),
        compose('cron', {}, 'Tareas programadas de cron/crontab (tasas BCV y Binance, backups, comisiones).'),
        compose('pgbouncer', { port: 6432 }, 'Connection pooling delante de PostgreSQL.'),
        svc('postgres', 'postgres', { composeProject: 'servistech', containerName: 'postgres', port: 5432, databaseName: 'servistech_erp' }, 'PostgreSQL 15 con Row Level Security. Backups: 30 diarios, 12 semanales, 12 mensuales.', VPS),
        svc('redis', 'redis', { composeProject: 'servistech', containerName: 'redis', port: 6379 }, 'Caché y sesiones.', VPS),
        cron('bcv-scraping', '0 8,13 * * 1-6', 'scrape-bcv.sh', 'Tasas BCV: 8:00 y 13:00, lunes a sábado.'),
        cron('binance-update', '*/30 7-18 * * 1-6', 'update-binance.sh', 'Tasas Binance cada 30 min en horario 7AM–7PM (7:00 a 18:30), lunes a sábado.'),
        cron('database-backup', '0 2 * * *', 'backup-database.sh', 'Backup diario a S3 + local; retención 30 días.'),
        cron('full-backup', '0 3 * * 0', 'backup-database.sh', 'Backup completo los domingos; retención 12 semanas en S3.'),
        cron('cleanup-backups', '0 4 * * *', 'cleanup-backups.sh', 'Limpieza diaria de backups antiguos.'),
        cron('commission-calc', '59 23 * * *', 'calculate-commissions.sh', 'Cálculo diario de comisiones.'),
        cron('health-report', '0 9 * * *', 'health-report.sh', 'Reporte de salud diario.'),
      ],
      links: [
        ['cloudflare', 'proxies-to', 'nginx'],
        ['nginx', 'proxies-to', 'api'],
        ['nginx', 'proxies-to', 'websocket'],
        ['api', 'uses-database', 'pgbouncer'],
        ['websocket', 'uses-database', 'pgbouncer'],
        ['pgbouncer', 'proxies-to', 'postgres'],
        ['api', 'uses-cache', 'redis'],
        ['websocket', 'depends-on', 'redis'],
        ['cron', 'uses-database', 'postgres'],
        ['bcv-scraping', 'depends-on', 'cron'],
        ['binance-update', 'depends-on', 'cron'],
        ['database-backup', 'depends-on', 'cron'],
        ['full-backup', 'depends-on', 'cron'],
        ['cleanup-backups', 'depends-on', 'cron'],
        ['commission-calc', 'depends-on', 'cron'],
        ['health-report', 'depends-on', 'cron'],
      ],
    },
  ],
};

const studioZens: DemoProject = {
  name: 'StudioZens',
  description: 'Sistema de gestión de spa (Django 5 + Celery) en Render, región Oregon: web service con Gunicorn, PostgreSQL, Redis con TLS, worker y beat de Celery.',
  environments: [
    {
      name: 'production',
      kind: 'production',
      hosts: [],
      services: [
        svc('estudiozens-web', 'http-endpoint', { url: 'https://estudiozens.example.com' }, 'Dominio público; DNS apuntando al web service de Render.'),
        svc('studiozens-backend', 'paas-service', { platform: 'render', platformServiceId: 'studiozens-backend', url: 'https://studiozens-backend.example.com', healthPath: '/api/core/health/', command: 'gunicorn studiozens.wsgi:application --bind 0.0.0.0:$PORT --workers 3 --timeout 120 --access-logfile - --error-logfile -' }, 'Django 5.2 + Gunicorn + WhiteNoise, plan Starter, 1–3 instancias. Antes de desplegar: manage.py check --deploy y migraciones pendientes.'),
        svc('studiozens-db', 'postgres', { platform: 'render', port: 5432, databaseName: 'studiozens_prod_db' }, 'Render PostgreSQL (plan Standard); usuario studiozens_user. Conexiones < 50 % del pool.'),
        svc('studiozens-redis', 'redis', { platform: 'render', port: 6379, url: 'rediss://studiozens-redis.example.com:6379/0' }, 'Render Redis con TLS: siempre rediss://. Caché y broker de Celery.'),
        svc('studiozens-celery-worker', 'worker', { platform: 'render', platformServiceId: 'studiozens-celery-worker', command: 'celery -A studiozens worker -l info --concurrency=2 -Q celery,payments,appointments,notifications,bot' }, 'Mismas variables de entorno que el web service.'),
        svc('studiozens-celery-beat', 'worker', { platform: 'render', platformServiceId: 'studiozens-celery-beat', command: 'celery -A studiozens beat -l info --scheduler django_celery_beat.schedulers:DatabaseScheduler' }, 'Tareas programadas: recordatorios, limpieza.'),
        external('twilio', 'SMS, WhatsApp y verificación OTP.'),
        external('wompi', 'pagos.'),
        external('gemini', 'bot de IA.'),
        external('sendgrid', 'correo.'),
        external('sentry', 'monitoreo de errores.'),
      ],
      links: [
        ['estudiozens-web', 'proxies-to', 'studiozens-backend'],
        ['studiozens-backend', 'uses-database', 'studiozens-db'],
        ['studiozens-backend', 'uses-cache', 'studiozens-redis'],
        ['studiozens-celery-worker', 'depends-on', 'studiozens-redis'],
        ['studiozens-celery-beat', 'depends-on', 'studiozens-redis'],
        ['studiozens-celery-beat', 'uses-database', 'studiozens-db'],
        ['studiozens-backend', 'depends-on', 'twilio'],
        ['studiozens-backend', 'depends-on', 'wompi'],
        ['studiozens-backend', 'depends-on', 'gemini'],
        ['studiozens-backend', 'depends-on', 'sendgrid'],
        ['studiozens-backend', 'depends-on', 'sentry'],
      ],
    },
  ],
};

const STOCK_HOST = 'stock-app-1';
const stockWeb = (n: number) =>
  svc(`stock-web-${n}`, 'container', { containerName: `stock_management_web_${n}`, port: 4999 + n, healthPath: '/health' }, 'Gunicorn (4 workers sync, timeout 30).', STOCK_HOST);

const stockManagement: DemoProject = {
  name: 'Gestión de Inventario',
  description: 'Sistema de gestión de inventario (Flask, stock_management). Producción en Render con PostgreSQL; alternativa autogestionada con nginx delante de 3 instancias.',
  environments: [
    {
      name: 'production',
      kind: 'production',
      hosts: [],
      services: [
        svc('stock-management', 'paas-service', { platform: 'render', platformServiceId: 'stock-management', url: 'https://stock-management.example.com', healthPath: '/health', port: 5000, command: 'python run.py' }, 'Docker en Render, región Frankfurt. También desplegable en Railway, Heroku (stock-management-app) o DigitalOcean App Platform.'),
        svc('stock-management-db', 'postgres', { platform: 'render', port: 5432, databaseName: 'stock_management' }, 'PostgreSQL de Render vía DATABASE_URL; migrado desde SQLite comparando filas por tabla.'),
      ],
      links: [['stock-management', 'uses-database', 'stock-management-db']],
    },
    {
      name: 'self-hosted',
      kind: 'other',
      hosts: [
        { name: STOCK_HOST, address: '203.0.113.30', username: 'root', authMethod: 'agent', provider: 'digitalocean', tags: ['docker'], notes: 'Nginx como balanceador delante de 3 instancias de la app y PostgreSQL en contenedor.' },
      ],
      services: [
        svc('nginx-stock-management', 'nginx-site', { serverNames: ['inventario.example.com'], port: 80 }, 'upstream stock_management: 127.0.0.1:5000, :5001 y :5002.', STOCK_HOST),
        stockWeb(1),
        stockWeb(2),
        stockWeb(3),
        svc('stock-postgres', 'postgres', { containerName: 'stock_management_db', port: 5432, databaseName: 'stock_management' }, 'postgres:15-alpine; healthcheck con pg_isready.', STOCK_HOST),
        svc('pgadmin', 'container', { containerName: 'stock_management_pgadmin', port: 8080 }, 'pgAdmin 4 para administrar la base de datos.', STOCK_HOST),
      ],
      links: [
        ['nginx-stock-management', 'proxies-to', 'stock-web-1'],
        ['nginx-stock-management', 'proxies-to', 'stock-web-2'],
        ['nginx-stock-management', 'proxies-to', 'stock-web-3'],
        ['stock-web-1', 'uses-database', 'stock-postgres'],
        ['stock-web-2', 'uses-database', 'stock-postgres'],
        ['stock-web-3', 'uses-database', 'stock-postgres'],
        ['pgadmin', 'depends-on', 'stock-postgres'],
      ],
    },
  ],
};

const DROPLET = 'ia-comercial-droplet';
const APP_DIR = '/var/www/ia-comercial';

const iaComercial: DemoProject = {
  name: 'IA Comercial',
  description: 'Chat comercial con IA y webhooks de WhatsApp/Instagram (Node.js). Un droplet de DigitalOcean: UFW, Nginx con TLS, PM2, Express y SQLite.',
  environments: [
    {
      name: 'production',
      kind: 'production',
      hosts: [
        { name: DROPLET, address: '203.0.113.40', username: 'root', authMethod: 'agent', provider: 'digitalocean', tags: ['ubuntu-22.04', 'pm2'], notes: 'UFW: solo 22 (SSH), 80 (redirige a HTTPS) y 443. Snapshots del droplet desde el panel de DigitalOcean.' },
      ],
      services: [
        svc('nginx-ia-comercial', 'nginx-site', { serverNames: ['tuempresa.example.com'], port: 443, filePath: '/etc/nginx/sites-available/ia-comercial' }, `TLS (Let's Encrypt), estáticos de ${APP_DIR}/public y proxy a localhost:3000. Logs: /var/log/nginx/ia-comercial-access.log y ia-comercial-error.log.`, DROPLET),
        svc('ia-comercial', 'pm2-app', { pm2Name: 'ia-comercial', port: 3000, healthPath: '/health/detailed', workingDir: APP_DIR, command: 'pm2 start server.js --name ia-comercial' }, `Express: chat web y webhooks /api/whatsapp/webhook y /api/instagram/webhook. Logs: ${APP_DIR}/logs/combined.log y error.log.`, DROPLET),
        svc('leads-db', 'sqlite-file', { filePath: `${APP_DIR}/db/leads.db` }, 'Leads, conversaciones y seguimientos.', DROPLET),
        svc('backup-leads-db', 'cron-job', { schedule: '0 3 * * *', command: `cp ${APP_DIR}/db/leads.db ${APP_DIR}/db/leads-$(date +\\%Y\\%m\\%d).db && find ${APP_DIR}/db/leads-*.db -mtime +7 -delete` }, 'Backup diario a las 3:00; se conservan 7 días.', DROPLET),
        external('openai', 'OpenAI GPT-4.'),
        external('whatsapp-cloud-api', 'WhatsApp Cloud API.'),
        external('instagram-messaging', 'Instagram Messaging.'),
        external('gmail-smtp', 'Gmail SMTP.'),
      ],
      links: [
        ['nginx-ia-comercial', 'proxies-to', 'ia-comercial'],
        ['ia-comercial', 'uses-database', 'leads-db'],
        ['backup-leads-db', 'uses-database', 'leads-db'],
        ['ia-comercial', 'depends-on', 'openai'],
        ['ia-comercial', 'depends-on', 'whatsapp-cloud-api'],
        ['ia-comercial', 'depends-on', 'instagram-messaging'],
        ['ia-comercial', 'depends-on', 'gmail-smtp'],
      ],
    },
  ],
};

export const demoInventory: readonly DemoProject[] = [prexcol, servistech, studioZens, stockManagement, iaComercial];
