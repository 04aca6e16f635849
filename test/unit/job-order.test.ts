// The order of a job's units on the pool: a lone scenario's chunks one at a time, in order; several
// scenarios GROUP at a time, chunk after chunk, a batch being the same chunk of the group (so one
// worker draws the chunk's shared fundamental paths once for the group, in one round trip), each
// unit exactly once.
import { describe, expect, it } from 'vitest';
import { GROUP, jobOrder } from '../../src/engine/job-order';

describe('job order', () => {
  it('takes a lone scenario chunk by chunk, one at a time', () => {
    expect(jobOrder([[0, 1, 2]])).toEqual([[{ i: 0, c: 0 }], [{ i: 0, c: 1 }], [{ i: 0, c: 2 }]]);
  });

  it('takes several scenarios GROUP at a time, chunk after chunk, in batches of one chunk of the group, every unit once', () => {
    const chunks = Array.from({ length: 2 * GROUP + 3 }, (_, i) => (i === 5 ? [0, 2] : [0, 1, 2]));
    const batches = jobOrder(chunks);
    const units = batches.flat();
    expect(units).toHaveLength(chunks.reduce((n, c) => n + c.length, 0));
    expect(new Set(units.map((u) => `${u.i}/${u.c}`)).size).toBe(units.length);
    // The first batch: chunk 0 of the first GROUP scenarios; the second, the second chunk of each (scenario 5's is chunk 2), ...
    expect(batches[0]).toEqual(Array.from({ length: GROUP }, (_, i) => ({ i, c: 0 })));
    expect(batches[1]).toHaveLength(GROUP);
    expect(batches[1][5]).toEqual({ i: 5, c: 2 });
    // ... the third holds the GROUP - 1 scenarios that have a third chunk, and no batch mixes groups.
    expect(batches[2].map((u) => u.i)).toEqual(Array.from({ length: GROUP }, (_, i) => i).filter((i) => i !== 5));
    expect(batches.every((b) => new Set(b.map((u) => Math.floor(u.i / GROUP))).size === 1)).toBe(true);
    // No scenario of the second group starts before the first group is done.
    const firstOfSecond = units.findIndex((u) => u.i >= GROUP);
    expect(units.slice(firstOfSecond).every((u) => u.i >= GROUP)).toBe(true);
    expect(firstOfSecond).toBe(3 * GROUP - 1);
    // The last group (3 scenarios) comes in batches of 3.
    expect(batches.slice(-3).map((b) => b.length)).toEqual([3, 3, 3]);
  });
});
