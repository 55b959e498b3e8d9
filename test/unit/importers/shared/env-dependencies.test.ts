import { describe, expect, it } from 'vitest';
import { envDependencies, externalApiFor, railwayReferences, sqlitePathIn } from '../../../../src-main/core/importers/shared/env-dependencies';
import { listenPort } from '../../../../src-main/core/importers/heroku/procfile';
import { importFiles } from '../../../../src-main/core/importers';

describe('env-dependencies: what a variable says its service depends on', () => {
  it('names well-known hosted APIs by variable name, or by an SMTP host in a non-secret value', () => {
    expect(externalApiFor('OPENAI_API_KEY', null)?.name).toBe('OpenAI API');
    expect(externalApiFor('TWILIO_WHATSAPP_NUMBER', 'whatsapp:+1')?.name).toBe('Twilio');
    expect(externalApiFor('WHATSAPP_TOKEN', null)?.name).toBe('WhatsApp Cloud API');
    expect(externalApiFor('SENTRY_DSN', null)?.name).toBe('Sentry');
    expect(externalApiFor('AWS_STORAGE_BUCKET_NAME', 'media')?.name).toBe('AWS S3');
    expect(externalApiFor('EMAIL_HOST', 'smtp.sendgrid.net')?.name).toBe('SendGrid');
    expect(externalApiFor('SMTP_HOST', 'smtp.gmail.com')?.name).toBe('Gmail SMTP');
    expect(externalApiFor('SMTP_HOST', 'mail.example.com')).toBeNull();
    expect(externalApiFor('AWS_ACCESS_KEY_ID', null)).toBeNull();
    expect(externalApiFor('DATABASE_URL', null)).toBeNull();
  });

  it("reads Railway reference variables ${{Service.VAR}}, not shared ones", () => {
    expect(railwayReferences('${{Postgres.DATABASE_URL}}')).toEqual([{ service: 'Postgres', variable: 'DATABASE_URL' }]);
    expect(railwayReferences('redis://${{ Redis.REDISHOST }}:${{Redis.REDISPORT}}')).toEqual([{ service: 'Redis', variable: 'REDISHOST' }]);
    expect(railwayReferences('${{shared.SECRET}}')).toEqual([]);
    expect(railwayReferences('${{RAILWAY_PUBLIC_DOMAIN}}')).toEqual([]);
    const [pg] = envDependencies('DATABASE_URL', '${{Postgres.DATABASE_URL}}');
    expect(pg).toMatchObject({ key: 'railway:Postgres', name: 'Postgres', kind: 'postgres', linkKind: 'uses-database' });
    const [redis] = envDependencies('CELERY_BROKER_URL', '${{Redis.REDIS_URL}}');
    expect(redis).toMatchObject({ key: 'railway:Redis', kind: 'redis', linkKind: 'uses-cache' });
    const [api] = envDependencies('API_URL', 'https://${{api.RAILWAY_PUBLIC_DOMAIN}}');
    expect(api).toMatchObject({ key: 'railway:api', kind: 'paas-service', linkKind: 'depends-on' });
    expect(api!.reason).not.toContain('https://');
  });

  it('finds SQLite files in sqlite:/// URLs and *.db paths under database-ish names', () => {
    expect(sqlitePathIn('DB_PATH', '/var/www/app/db/leads.db')).toBe('/var/www/app/db/leads.db');
    expect(sqlitePathIn('DATABASE_URL', 'sqlite:///instance/app.db')).toBe('instance/app.db');
    expect(sqlitePathIn('SQLALCHEMY_DATABASE_URI', 'sqlite:////srv/app.sqlite3')).toBe('/srv/app.sqlite3');
    expect(sqlitePathIn('LOG_FILE', 'logs/app.db')).toBeNull();
    expect(sqlitePathIn('DATABASE_URL', 'postgres://db/app')).toBeNull();
    expect(envDependencies('DB_PATH', './data/leads.db')[0]).toMatchObject({ key: 'sqlite:./data/leads.db', name: 'leads.db', kind: 'sqlite-file', linkKind: 'uses-database' });
  });

  it('says nothing for ordinary variables', () => {
    expect(envDependencies('NODE_ENV', 'production')).toEqual([]);
    expect(envDependencies('PORT', '3000')).toEqual([]);
  });
});

describe('Procfile: the port a command binds', () => {
  it('reads --bind, -b, --port, -p and ${PORT:-N}; a bare $PORT names none', () => {
    expect(listenPort('gunicorn --bind 0.0.0.0:8000 app:app')).toBe(8000);
    expect(listenPort('gunicorn -b :5000 run:app')).toBe(5000);
    expect(listenPort('gunicorn --bind 0.0.0.0:${PORT:-5000} run:app')).toBe(5000);
    expect(listenPort('uvicorn main:app --port 8080')).toBe(8080);
    expect(listenPort('node server.js -p ${PORT:-3000}')).toBe(3000);
    expect(listenPort('gunicorn --bind 0.0.0.0:$PORT app:app')).toBeUndefined();
    expect(listenPort('celery -A proj worker -B')).toBeUndefined();
  });
});

describe('importFiles joins what env files and placeholders say across files', () => {
  it('attaches an .env.example to the service defined in its folder and links its dependencies, located', () => {
    const draft = importFiles([
      { path: 'web/railway.json', content: '{"deploy":{"startCommand":"gunicorn app:app"}}' },
      { path: 'web/.env.example', content: 'DATABASE_URL=${{Postgres.DATABASE_URL}}\nOPENAI_API_KEY=sk-live-placeholder\n' },
      { path: 'worker/railway.json', content: '{"deploy":{"startCommand":"celery -A app worker"}}' },
      { path: 'worker/.env.example', content: 'DATABASE_URL=${{Postgres.DATABASE_URL}}\n' },
      { path: '.env.example', content: 'SENTRY_DSN=\n' },
    ]);
    expect(draft.errors).toEqual([]);
    const vars = draft.envVars.map((v) => `${v.serviceKey}:${v.name}`);
    expect(vars).toEqual(expect.arrayContaining(['railway:web:DATABASE_URL', 'railway:web:OPENAI_API_KEY', 'railway:worker:DATABASE_URL', 'null:SENTRY_DSN']));
    expect(draft.envVars.find((v) => v.name === 'OPENAI_API_KEY')!.value).toBeNull();
    expect(draft.services.find((s) => s.key === 'railway:Postgres')).toMatchObject({ name: 'Postgres', kind: 'postgres' });
    expect(draft.services.find((s) => s.key === 'external:openai')).toMatchObject({ name: 'OpenAI API', kind: 'http-endpoint' });
    const links = draft.links.map((l) => `${l.fromKey} ${l.kind} ${l.toKey} @${l.source.file}:${l.source.line}`);
    expect(links).toEqual(
      expect.arrayContaining([
        'railway:web uses-database railway:Postgres @web/.env.example:1',
        'railway:web depends-on external:openai @web/.env.example:2',
        'railway:worker uses-database railway:Postgres @worker/.env.example:1',
      ]),
    );
    // the root env file has no service in its folder: nothing guessed
    expect(draft.services.some((s) => s.key === 'external:sentry')).toBe(false);
    expect(JSON.stringify(draft)).not.toContain('sk-live-placeholder');
  });

  it('leaves an env file unattached when its folder defines several services', () => {
    const draft = importFiles([
      { path: 'app/docker-compose.yml', content: 'services:\n  a:\n    image: nginx\n  b:\n    image: node\n' },
      { path: 'app/.env.example', content: 'STRIPE_SECRET_KEY=\n' },
    ]);
    expect(draft.envVars.find((v) => v.name === 'STRIPE_SECRET_KEY')!.serviceKey).toBeNull();
    expect(draft.services.some((s) => s.key === 'external:stripe')).toBe(false);
  });

  it('joins an nginx upstream of local servers to the one app listening on one of its ports', () => {
    const draft = importFiles([
      { path: 'Procfile', content: 'web: gunicorn --bind 0.0.0.0:${PORT:-5000} run:app\n' },
      { path: 'nginx/site.conf', content: 'upstream app { server 127.0.0.1:5000; server 127.0.0.1:5001; }\nserver { listen 80; server_name example.org; location / { proxy_pass http://app; } }\n' },
    ]);
    expect(draft.services.map((s) => s.key).sort()).toEqual(['heroku:web', 'nginx:example.org:80']);
    const link = draft.links.find((l) => l.fromKey === 'nginx:example.org:80')!;
    expect(link.toKey).toBe('heroku:web');
    expect(link.reason).toContain('5000, 5001');
  });

  it('keeps the upstream when no app, or more than one, listens on its ports', () => {
    const draft = importFiles([
      { path: 'nginx/site.conf', content: 'upstream app { server 127.0.0.1:5000; server 127.0.0.1:5001; }\nserver { listen 80; location / { proxy_pass http://app; } }\n' },
    ]);
    expect(draft.services.some((s) => s.key === 'nginx-upstream:app')).toBe(true);
  });

  it("replaces a proxied origin by the service whose ALLOWED_HOSTS answers to that host", () => {
    const draft = importFiles([
      { path: 'netlify.toml', content: '[[redirects]]\nfrom = "/api/*"\nto = "https://api.example.com/api/:splat"\nstatus = 200\n' },
      { path: 'backend/railway.json', content: '{"deploy":{"startCommand":"gunicorn app:app"}}' },
      { path: 'backend/.env.example', content: 'ALLOWED_HOSTS=api.example.com,backend.up.railway.app\n' },
    ]);
    expect(draft.services.some((s) => s.key === 'netlify-proxy:https://api.example.com')).toBe(false);
    expect(draft.links.find((l) => l.fromKey === 'netlify:site')).toMatchObject({ toKey: 'railway:backend', kind: 'depends-on' });
  });
});

describe('railway.json: a queue consumer is a worker', () => {
  it('celery worker/beat without a health check → worker; gunicorn stays a paas-service', async () => {
    const { isQueueWorkerCommand } = await import('../../../../src-main/core/importers/shared/kind-from-image');
    expect(isQueueWorkerCommand('celery -A backend worker -l info')).toBe(true);
    expect(isQueueWorkerCommand('celery -A backend beat')).toBe(true);
    expect(isQueueWorkerCommand('bundle exec sidekiq')).toBe(true);
    expect(isQueueWorkerCommand('gunicorn app:app --workers 4')).toBe(false);
    const draft = importFiles([
      { path: 'worker/railway.json', content: '{"deploy":{"startCommand":"celery -A app worker","numReplicas":2}}' },
      { path: 'web/railway.json', content: '{"deploy":{"startCommand":"gunicorn app:app --workers 4","healthcheckPath":"/health"}}' },
    ]);
    expect(draft.services.find((s) => s.key === 'railway:worker')).toMatchObject({ kind: 'worker', config: { replicas: 2 } });
    expect(draft.services.find((s) => s.key === 'railway:web')!.kind).toBe('paas-service');
  });
});
