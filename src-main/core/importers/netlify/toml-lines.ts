import type { LValue, Loc } from '../shared';

/**
 * Line of a value in the located TOML tree: `line('redirects', 3, 'to')`. A table only declared
 * through its sub-tables ([context.x.environment] declares context.x) has no line of its own;
 * it gets the first line of what it contains.
 */
export class TomlLines {
  constructor(private readonly root: LValue) {}

  line(...path: (string | number)[]): number {
    let node: LValue = this.root;
    let parentLoc: Loc = this.root.loc;
    let line = this.root.loc.line;
    for (const part of path) {
      if (node.kind === 'map') {
        const e = node.entries.find((x) => x.key === String(part));
        if (!e) break;
        line = e.keyLoc === parentLoc ? (firstLine(e.value) ?? line) : e.keyLoc.line;
        parentLoc = e.keyLoc;
        node = e.value;
      } else if (node.kind === 'seq' && typeof part === 'number' && node.items[part]) {
        node = node.items[part];
        line = node.loc.line;
        parentLoc = node.loc;
      } else break;
    }
    return Math.max(1, line);
  }
}

/** The smallest line written inside a value, ignoring positions inherited from its parent. */
function firstLine(v: LValue): number | undefined {
  let best: number | undefined;
  const visit = (n: LValue, inherited: Loc) => {
    if (n.loc !== inherited) best = best === undefined ? n.loc.line : Math.min(best, n.loc.line);
    if (n.kind === 'map') for (const e of n.entries) {
      if (e.keyLoc !== n.loc) best = best === undefined ? e.keyLoc.line : Math.min(best, e.keyLoc.line);
      visit(e.value, e.keyLoc);
    }
    if (n.kind === 'seq') for (const i of n.items) visit(i, n.loc);
  };
  visit(v, v.loc);
  return best;
}
