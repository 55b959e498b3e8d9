// `npm run bench -- topology-layout [--sizes 50,200,500] [--runs 3]`
//
// Layout (elkjs 'layered', in a Web Worker above 100 nodes) and first render (@xyflow/react)
// of the Topology page, in Chromium against the built `opsdeck serve`. Each topology is made by
// importing a generated docker-compose file through the `import.apply` call (proxies → apps →
// PostgreSQL/Redis, ~1.5 links per service); the page records performance.measure entries
// 'topology-layout' (ELK) and 'topology-first-render' (from layout start to the second frame
// painted with the nodes), which this script reads. It never asserts timings.
//
// RESULT: metric = first render of the largest size (ms); anchor = first render of the smallest
// size × (largest / smallest), i.e. what linear scaling from the same run would give; ratio =
// anchor / metric (> 1: the diagram scales better than linearly).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function opt(args, name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : (process.env[`BENCH_${name.slice(2).toUpperCase()}`] ?? fallback);
}

/** A compose file with n services in tiers: nginx proxies, apps, workers, PostgreSQL, Redis. */
function composeOf(n) {
  const lines = ['services:'];
  const tierOf = (i) => ['proxy', 'app', 'app', 'app', 'app', 'worker', 'app', 'pg', 'redis', 'app'][i % 10];
  const names = Array.from({ length: n }, (_, i) => `${tierOf(i)}-${i}`);
  const near = (i, tier, k) => {
    const out = [];
    for (let d = 1; d < n && out.length < k; d++) {
      for (const j of [i + d, i - d]) if (j >= 0 && j < n && tierOf(j) === tier && !out.includes(j) && out.length < k) out.push(j);
    }
    return out.map((j) => names[j]);
  };
  for (let i = 0; i < n; i++) {
    const tier = tierOf(i);
    lines.push(`  ${names[i]}:`);
    if (tier === 'proxy') lines.push('    image: nginx:1.25');
    else if (tier === 'pg') lines.push('    image: postgres:15');
    else if (tier === 'redis') lines.push('    image: redis:7');
    else lines.push(`    build: ./${names[i]}`, `    expose: ["${3000 + i}"]`);
    const deps = tier === 'proxy' ? near(i, 'app', 3) : tier === 'app' || tier === 'worker' ? [...near(i, 'pg', 1), ...near(i, 'redis', 1)] : [];
    if (deps.length) lines.push('    depends_on:', ...deps.map((d) => `      - ${d}`));
  }
  return lines.join('\n') + '\n';
}

async function startServe(dataDir) {
  const proc = spawn(process.execPath, [join(ROOT, 'bin', 'opsdeck.js'), 'serve'], {
    env: { ...process.env, OPSDECK_DATA_DIR: dataDir, OPSDECK_VAULT_KEY: 'c3'.repeat(32) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 20_000);
    proc.stdout.on('data', (b) => {
      out += b;
      const m = /Opsdeck is ready: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.stderr.on('data', (b) => (out += b));
    proc.once('exit', (c) => reject(new Error(`serve exited with ${c}:\n${out}`)));
  });
  return { url, stop: () => new Promise((r) => (proc.once('exit', r), proc.kill('SIGTERM'))) };
}

/** One contract call over the page's own origin (the page holds the auth cookie). */
function callInPage(page, name, input) {
  return page.evaluate(
    ({ name, input }) =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://${globalThis.location.host}/ws`);
        ws.onopen = () => ws.send(JSON.stringify({ t: 'call', id: 1, name, input }));
        ws.onmessage = (ev) => {
          const m = JSON.parse(String(ev.data));
          if (m.t !== 'result' || m.id !== 1) return;
          ws.close();
          if (m.ok) resolve(m.value);
          else reject(new Error(`${name}: ${m.error.message}`));
        };
        ws.onerror = () => reject(new Error('socket failed'));
      }),
    { name, input },
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(args) {
  const sizes = String(opt(args, '--sizes', '50,200,500')).split(',').map(Number).filter((n) => n > 1);
  const runs = Number(opt(args, '--runs', '3'));
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    console.error('Build first: npx electron-vite build');
    process.exit(2);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'opsdeck-bench-'));
  const serve = await startServe(dataDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const results = [];
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(serve.url);
    await page.getByTestId('nav-inventory').waitFor({ timeout: 20_000 });
    for (const n of sizes) {
      const files = [{ path: `bench-${n}/docker-compose.yml`, content: composeOf(n) }];
      const target = { newProjectName: `bench-${n}`, environmentName: 'production' };
      const { plan } = await callInPage(page, 'import.preview', { files, target });
      const keys = plan.items.filter((i) => i.action !== 'unchanged' && i.entity !== 'environment').map((i) => i.key);
      await callInPage(page, 'import.apply', { files, target, selectedKeys: keys });
    }
    await page.getByTestId('nav-topology').click();
    const projectIds = await page.getByTestId('topology-project').evaluate((el) => Object.fromEntries([...el.options].map((o) => [o.textContent, o.value])));
    for (const n of sizes) {
      const layout = [];
      const render = [];
      let nodes = 0;
      let worker = false;
      for (let r = 0; r < runs; r++) {
        // Away and back, so every run lays out and renders from scratch.
        const other = sizes.find((m) => m !== n) ?? n;
        await page.getByTestId('topology-project').selectOption(projectIds[`bench-${other}`]);
        await page.locator('[data-testid="topology-stage"][data-status="ready"]').waitFor({ timeout: 120_000 });
        await page.evaluate(() => performance.clearMeasures());
        await page.getByTestId('topology-project').selectOption(projectIds[`bench-${n}`]);
        await page.waitForFunction(() => performance.getEntriesByName('topology-first-render').length > 0, null, { timeout: 120_000 });
        const t = await page.evaluate(() => ({
          layout: performance.getEntriesByName('topology-layout').at(-1)?.duration ?? NaN,
          render: performance.getEntriesByName('topology-first-render').at(-1)?.duration ?? NaN,
        }));
        const stage = page.getByTestId('topology-stage');
        worker = (await stage.getAttribute('data-worker')) === 'true';
        nodes = Number(await page.getByTestId('topology-canvas').getAttribute('data-nodes'));
        layout.push(t.layout);
        render.push(t.render);
      }
      const row = { n, nodes, worker, layout: median(layout), render: median(render) };
      results.push(row);
      console.log(
        `topology ${String(n).padStart(4)} services (${nodes} nodes): layout ${row.layout.toFixed(1)} ms (${worker ? 'worker' : 'main thread'}), first render ${row.render.toFixed(1)} ms (median of ${runs})`,
      );
    }
  } finally {
    await browser.close();
    await serve.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const small = results[0];
  const large = results.at(-1);
  const metric = large.render;
  const anchor = small.render * (large.n / small.n);
  console.log(`anchor: first render of ${small.n} × ${large.n / small.n} (linear scaling) = ${anchor.toFixed(1)} ms`);
  console.log(`RESULT topology-layout metric=${metric.toFixed(1)} anchor=${anchor.toFixed(1)} ratio=${(anchor / metric).toFixed(2)}`);
}
