// Results are bit-identical across changes to the core unless a change means to alter them: the
// digest of every golden case (every preset, each mechanism in a crash) must equal the one on file.
// And the release build (what users run) gives the same bits as the bounds-checked debug build the
// other unit tests use.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeParams } from '../../src/engine/params';
import { instantiateCore } from '../../src/engine/kernel';
import { coreModule } from '../helpers/core';
import { goldenCases, goldenDigests } from '../helpers/golden';

const FILE = new URL('../golden/digests.json', import.meta.url);

describe('golden results', () => {
  it('every preset and crash gives the digest on file', async () => {
    const now = await goldenDigests();
    if (process.env.UPDATE_GOLDEN) writeFileSync(FILE, JSON.stringify(now, null, 2) + '\n');
    expect(now).toEqual(JSON.parse(readFileSync(FILE, 'utf8')));
  });

  it('the release build gives the same bits as the debug build', async () => {
    const release = await instantiateCore(coreModule('release'));
    const debug = await instantiateCore(coreModule('debug'));
    for (const [name, s] of goldenCases()) {
      const n = Math.min(s.paths, 40);
      release.setup(encodeParams(s), n);
      debug.setup(encodeParams(s), n);
      expect(release.runChunk(0, n), name).toEqual(debug.runChunk(0, n));
    }
  });
});
