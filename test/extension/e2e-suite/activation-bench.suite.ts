/**
 * Not a test of behaviour: the measuring half of bench/extension.bench.ts. Opens a config (the real activation
 * trigger), waits for the language server, and records the extension's own activation timings.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { activeApi, e2eOptions, openConfig } from './support';

export function defineActivationBenchSuite(): void {
  describe('activation timings', () => {
    it('records bundle load, activate and server start-up times', async () => {
      await openConfig('tiny.distill.yaml');
      const api = await activeApi();
      const timings = await api.timings;
      assert.ok(timings.activateMs >= 0 && timings.serverReadyMs >= timings.activateMs);
      fs.writeFileSync(path.join(e2eOptions().artifacts, 'activation-timings.json'), JSON.stringify(timings));
    });
  });
}
