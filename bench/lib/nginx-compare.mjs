// Compares Opsdeck's AccessAnalytics with a GoAccess JSON report of the same log.
//
// GoAccess splits requests over three panels (requests, static_requests, not_found for 404s)
// and keeps query strings and the method in its keys; Opsdeck keys paths without the query
// string (GoAccess's --no-query-string). So GoAccess's rows are summed by path without query.
// When GoAccess truncated a panel (metadata total > rows listed), only the paths both list
// with complete GoAccess data are compared.

const stripQuery = (s) => {
  const q = s.indexOf('?');
  return q < 0 ? s : s.slice(0, q);
};

/** @returns {{ rows: {name: string, ours: unknown, theirs: unknown, ok: boolean}[], mismatches: string[] }} */
export function compareWithGoAccess(ours, report) {
  const rows = [];
  const mismatches = [];
  const row = (name, a, b) => {
    const ok = a === b;
    rows.push({ name, ours: a, theirs: b, ok });
    if (!ok) mismatches.push(`${name}: opsdeck ${a}, goaccess ${b}`);
  };
  const g = report.general;
  row('total requests', ours.totals.requests, g.total_requests);
  row('valid requests', ours.totals.valid, g.valid_requests);
  row('failed requests', ours.totals.failed, g.failed_requests);
  row('unique visitors', ours.totals.visitors, g.unique_visitors);
  row('bandwidth (bytes)', ours.totals.bandwidth, g.bandwidth);

  // Status codes.
  const theirCodes = new Map();
  for (const cls of report.status_codes?.data ?? []) {
    for (const item of cls.items ?? []) theirCodes.set(parseInt(item.data, 10), item.hits.count);
  }
  const ourCodes = new Map(ours.statusCodes.map((s) => [s.code, s.count]));
  let codeDiffs = 0;
  for (const code of new Set([...theirCodes.keys(), ...ourCodes.keys()])) {
    if ((theirCodes.get(code) ?? 0) !== (ourCodes.get(code) ?? 0)) {
      codeDiffs++;
      mismatches.push(`status ${code}: opsdeck ${ourCodes.get(code) ?? 0}, goaccess ${theirCodes.get(code) ?? 0}`);
    }
  }
  row('status codes (distinct)', ourCodes.size, theirCodes.size);
  row('status codes with different hits', codeDiffs, 0);

  // Paths.
  const theirPaths = new Map();
  let truncated = false;
  for (const panel of ['requests', 'static_requests', 'not_found']) {
    const p = report[panel];
    if (!p) continue;
    if ((p.metadata?.data?.total?.value ?? p.data.length) > p.data.length) truncated = true;
    for (const item of p.data) {
      const k = stripQuery(item.data);
      theirPaths.set(k, (theirPaths.get(k) ?? 0) + item.hits.count);
    }
  }
  const ourPaths = new Map(ours.topPaths.map((p) => [p.path, p.hits]));
  let compared = 0;
  let pathDiffs = 0;
  const keys = truncated ? [...theirPaths.keys()].filter((k) => ourPaths.has(k)) : [...new Set([...theirPaths.keys(), ...ourPaths.keys()])];
  for (const k of keys) {
    compared++;
    const a = ourPaths.get(k) ?? 0;
    const b = theirPaths.get(k) ?? 0;
    // A truncated GoAccess panel may miss some query-string variants of a path: only a
    // difference it cannot explain (GoAccess above Opsdeck) counts then.
    if (truncated ? b > a : a !== b) {
      pathDiffs++;
      mismatches.push(`path ${JSON.stringify(k)}: opsdeck ${a} hits, goaccess ${b}`);
    }
  }
  row(`paths compared${truncated ? ' (goaccess truncated)' : ''}`, compared, compared);
  row('paths with different hits', pathDiffs, 0);
  const ourTop = ours.topPaths.slice(0, 10).map((p) => `${p.path}=${p.hits}`);
  const theirTop = [...theirPaths.entries()].sort((x, y) => y[1] - x[1]).slice(0, 10).map(([k, v]) => `${k}=${v}`);
  const sameTop = ourTop.join(' ') === theirTop.join(' ');
  rows.push({ name: 'top 10 paths (order and hits)', ours: sameTop ? 'same' : 'differ', theirs: 'same', ok: sameTop });
  if (!sameTop) mismatches.push(`top 10: opsdeck ${ourTop.join(' ')} | goaccess ${theirTop.join(' ')}`);

  // Visitors by day.
  const theirDays = new Map((report.visitors?.data ?? []).map((d) => [d.data, d]));
  let dayDiffs = 0;
  for (const d of ours.visitorsByDay) {
    const t = theirDays.get(d.date.replaceAll('-', ''));
    if (!t || t.hits.count !== d.hits || t.visitors.count !== d.visitors || t.bytes.count !== d.bandwidth) {
      dayDiffs++;
      mismatches.push(`day ${d.date}: opsdeck ${d.hits}/${d.visitors}/${d.bandwidth}, goaccess ${t ? `${t.hits.count}/${t.visitors.count}/${t.bytes.count}` : 'missing'} (hits/visitors/bytes)`);
    }
  }
  row('days with different hits/visitors/bytes', dayDiffs, 0);
  return { rows, mismatches };
}
