// Merge trusts nothing: every way of damaging, editing or mixing up shards is refused with a message
// that names the shard file and the field, and good shards merge into exactly a direct run,
// warnings included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeShards, toShard, type NamedShard, type ShardFile } from '../../src/engine/shard';
import { decodeLink } from '../../src/link';
import type { Pool } from '../../src/engine/pool';
import { nodePool } from '../helpers/pool';

// A link with a warning (an unknown field), so the merge must carry it like a direct run does.
const { scenario: S, errors: WARNINGS } = decodeLink('#v=2&paths=240&horizon=7200&dt=1&positions=200&shockDepth=0.2&colour=blue');
const N = 3;
let pool: Pool;
let good: ShardFile[];
let direct: Awaited<ReturnType<Pool['run']>>;

beforeAll(async () => {
  pool = nodePool(2);
  direct = await pool.run(S);
  good = [];
  for (let i = 0; i < N; i++) {
    const { acc } = await pool.run(S, { shard: { index: i, count: N } });
    good.push(JSON.parse(JSON.stringify(toShard(S, WARNINGS, acc, { index: i, count: N }))));
  }
});
afterAll(() => pool.dispose());

const named = (shards: unknown[]): NamedShard[] => shards.map((doc, i) => ({ file: `shard-${i}.json`, doc }));
const copy = (): ShardFile[] => JSON.parse(JSON.stringify(good));
/** Merging these shards fails with a message matching `message`. */
const refuses = (shards: unknown[], message: RegExp) => expect(() => mergeShards(named(shards))).toThrow(message);

describe('merge', () => {
  it('gives exactly the direct run, warnings and all, in any order', () => {
    const merged = mergeShards(named([good[2], good[0], good[1]]));
    expect(merged.acc.records).toEqual(direct.acc.records);
    expect(merged.acc.hist).toEqual(direct.acc.hist);
    expect(merged.acc.bandTotals()).toEqual(direct.acc.bandTotals());
    expect(merged.errors).toEqual(WARNINGS);
    expect(WARNINGS.length).toBeGreaterThan(0);
  });

  it('refuses a short band-sums array, truncated or doubled records and invalid base64, naming the shard', () => {
    const short = copy();
    short[1].bandSums[0] = short[1].bandSums[0].slice(0, 40);
    refuses(short, /shard-1\.json: /);
    const truncated = copy();
    truncated[2].records[0] = Buffer.from(truncated[2].records[0], 'base64').subarray(0, 8 * 23).toString('base64');
    refuses(truncated, /shard-2\.json: (records\[0\]|checksum)/);
    const doubled = copy();
    doubled[0].records[0] += doubled[0].records[0];
    refuses(doubled, /shard-0\.json: /);
    const broken = copy();
    broken[0].histogram = '@@@' + broken[0].histogram.slice(3);
    refuses(broken, /shard-0\.json: /);
  });

  it('refuses a payload changed behind its checksum, even with the length kept', () => {
    const tampered = copy();
    const bytes = Buffer.from(tampered[1].records[0], 'base64');
    bytes.writeDoubleLE(bytes.readDoubleLE(0) + 1e6, 0); // a million more bad debt on the first path
    tampered[1].records[0] = bytes.toString('base64');
    refuses(tampered, /shard-1\.json: checksum: does not match the payload/);
  });

  it('refuses a scenario edited while the link is kept', () => {
    const edited = copy();
    edited[0].scenario = { ...edited[0].scenario, S0: 1 };
    refuses(edited, /shard-0\.json: scenario: does not match/);
  });

  it('refuses duplicated, missing, foreign and mismatched shards', () => {
    refuses([good[0], good[1], good[1]], /shard-2\.json: shard: shard 1\/3 is given twice \(also shard-1\.json\)/);
    refuses([good[0], good[2]], /chunks missing .*shards 1\/3 not given/);
    const moved = copy();
    moved[0].shard = { index: 1, count: N }; // claims another shard's place
    refuses([moved[0], good[0]], /chunks: chunk 0 does not belong to shard 1\/3/);
    refuses([good[0], { format: 'something else' }], /shard-1\.json: not a Cascade Lab shard file/);
    refuses([good[0], { ...good[1], version: 1 }], /shard-1\.json: version: shard format version 1 is not supported/);
    refuses([null], /shard-0\.json: not a Cascade Lab shard/);
  });
});
