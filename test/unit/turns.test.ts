// Parts of the page mount in turns (src/ui/turns.ts): in the order they asked, as many per task as
// the budget allows, every part eventually, and a part withdrawn before its turn never.
import { describe, expect, it } from 'vitest';
import { TURN_BUDGET_MS, Turns, type TurnClock } from '../../src/ui/turns';

/** A clock whose tasks run when the test says, and whose time moves only as the parts spend it. */
function fakeClock() {
  let time = 0;
  const tasks: (() => void)[] = [];
  const log: string[] = [];
  const clock: TurnClock = {
    now: () => time,
    later: (next) => void tasks.push(next),
    flush: () => log.push('flush'),
  };
  return {
    clock,
    log,
    spend: (ms: number) => (time += ms),
    tasks: () => tasks.length,
    /** Runs the next task; returns the parts it mounted. */
    task(): string[] {
      const start = log.length;
      tasks.shift()!();
      return log.slice(start).filter((e) => e !== 'flush');
    },
  };
}

describe('mounting in turns', () => {
  it('mounts nothing at once: the first part waits for a task of its own', () => {
    const c = fakeClock(), turns = new Turns(c.clock);
    turns.take(() => c.log.push('a'));
    expect(c.log).toEqual([]);
    expect(turns.waiting).toBe(1);
    expect(c.task()).toEqual(['a']);
    expect(turns.waiting).toBe(0);
  });

  it('mounts cheap parts together, in the order they asked, each followed by a flush', () => {
    const c = fakeClock(), turns = new Turns(c.clock);
    for (const name of ['a', 'b', 'c']) turns.take(() => (c.log.push(name), c.spend(1)));
    expect(c.tasks()).toBe(1); // asked once, not once per part
    c.task();
    expect(c.log).toEqual(['a', 'flush', 'b', 'flush', 'c', 'flush']);
    expect(c.tasks()).toBe(0);
  });

  it('gives the thread back once a task has spent its budget, and goes on in the next', () => {
    const c = fakeClock(), turns = new Turns(c.clock);
    const cost = TURN_BUDGET_MS / 2 + 1; // two of these overrun the budget
    for (const name of ['a', 'b', 'c', 'd', 'e']) turns.take(() => (c.log.push(name), c.spend(cost)));
    expect(c.task()).toEqual(['a', 'b']);
    expect(c.task()).toEqual(['c', 'd']);
    expect(c.task()).toEqual(['e']);
    expect(c.tasks()).toBe(0);
  });

  it('runs a part dearer than the whole budget alone, and still gets to every part', () => {
    const c = fakeClock(), turns = new Turns(c.clock);
    turns.take(() => (c.log.push('big'), c.spend(10 * TURN_BUDGET_MS)));
    turns.take(() => (c.log.push('small'), c.spend(0.1)));
    expect(c.task()).toEqual(['big']);
    expect(c.task()).toEqual(['small']);
  });

  it('never mounts a part withdrawn before its turn (a view closed at once)', () => {
    const c = fakeClock(), turns = new Turns(c.clock);
    turns.take(() => c.log.push('a'));
    const withdraw = turns.take(() => c.log.push('b'));
    turns.take(() => c.log.push('c'));
    withdraw();
    expect(turns.waiting).toBe(2);
    expect(c.task()).toEqual(['a', 'c']);
    withdraw(); // again, after the queue moved on: nothing
    expect(turns.waiting).toBe(0);
  });

  it('mounts a part asked for during a turn in the same task while the budget lasts', () => {
    const c = fakeClock(), turns = new Turns(c.clock);
    // A part whose mounting shows another (a chart inside a view): it asks from within its turn.
    turns.take(() => {
      c.log.push('view');
      turns.take(() => c.log.push('chart'));
    });
    expect(c.task()).toEqual(['view', 'chart']);
    expect(turns.waiting).toBe(0);
    expect(c.tasks()).toBe(0);
  });

  it('goes on after a part that fails to mount', () => {
    const c = fakeClock(), turns = new Turns(c.clock);
    turns.take(() => {
      throw new Error('broken chart');
    });
    turns.take(() => c.log.push('next'));
    expect(() => c.task()).toThrow('broken chart');
    expect(c.tasks()).toBe(1);
    expect(c.task()).toEqual(['next']);
  });
});
