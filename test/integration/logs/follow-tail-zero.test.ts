import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uiConnection, until, useLogFleet } from './follow-helpers';

/** A stream opened without history (`tail: 0`) on a file that already has lines. */
const fleet = useLogFleet();

describe('following from the end', () => {
  it('tail 0 on a non-empty file: no history, then every new line from the first one', async () => {
    const f = fleet();
    const path = join(f.logDir, 'busy.log');
    writeFileSync(path, 'old 1\nold 2\n');
    const ui = uiConnection();
    const streamId = await ui.open(f.app, [{ type: 'file', hostId: f.hostId, path, format: { kind: 'plain' } }], { tail: 0 });
    await until(() => ui.statuses.some((s) => s.state === 'following'), 10_000, 'following');
    appendFileSync(path, 'new 1\nnew 2\n');
    await until(() => ui.lines.length >= 2, 10_000, 'new lines');
    expect(ui.lines.map((l) => l.text)).toEqual(['new 1', 'new 2']);
    await f.app.hub.handlers['streams.close']({ streamId }, ui.ctx);
  }, 30_000);
});
