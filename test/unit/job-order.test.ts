// The order of a job's units on the pool: a lone scenario's chunks in order; several scenarios ten
// at a time, chunk after chunk (so a worker draws a chunk's shared fundamental paths once for the
// group), each unit exactly once.
import { describe, expect, it } from 'vitest';
import { jobOrder } from '../../src/engine/job-order';

describe('job order', () => {
  it('takes a lone scenario chunk by chunk', () => {
    expect(jobOrder([[0, 1, 2]])).toEqual([{ i: 0, c: 0 }, { i: 0, c: 1 }, { i: 0, c: 2 }]);
  });

  it('takes several scenarios ten at a time, chunk after chunk, every unit once', () => {
    const chunks = Array.from({ length: 23 }, (_, i) => (i === 5 ? [0, 2] : [0, 1, 2]));
    const units = jobOrder(chunks);
    expect(units).toHaveLength(chunks.reduce((n, c) => n + c.length, 0));
    expect(new Set(units.map((u) => `${u.i}/${u.c}`)).size).toBe(units.length);
    // The first group: chunk 0 of scenarios 0..9, then the second chunk of each (scenario 5's is chunk 2), ...
    expect(units.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => ({ i, c: 0 })));
    expect(units[10 + 5]).toEqual({ i: 5, c: 2 });
    // ... and no scenario of the second group starts before the first group is done.
    const firstOfSecond = units.findIndex((u) => u.i >= 10);
    expect(units.slice(firstOfSecond).every((u) => u.i >= 10)).toBe(true);
    expect(firstOfSecond).toBe(29);
  });
});
