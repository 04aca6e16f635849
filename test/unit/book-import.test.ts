// An imported book (issue 16): CSV or JSON, perpetual or lending positions, read strictly with a
// message per bad row; in the core it is exactly the book it describes (the same results as the
// generated book it copies), and the pool sizes runs by it.
import { describe, expect, it } from 'vitest';
import { bookAtStart, bookRows, parseBook } from '../../src/imports/book';
import { CoreInputs } from '../../src/engine/core-inputs';
import { nodePool } from '../helpers/pool';
import { scenario } from '../helpers/scenarios';
import { afterAll } from 'vitest';

describe('reading a book', () => {
  it('takes CSV with a header (aliases, any order, comments) and JSON, perpetual and lending positions', async () => {
    const csv = await parseBook('# my book\nSide,Qty,Entry Price,Leverage\nlong,2,2000,10\nsell,1,2100,5\n', 'a.csv');
    expect(csv.errors).toEqual([]);
    expect(csv.book!.positions).toEqual([{ side: 1, size: 2, entry: 2000, margin: 400 }, { side: -1, size: 1, entry: 2100, margin: 420 }]);
    const json = await parseBook(JSON.stringify({ positions: [{ side: 'long', size: 2, entry: 2000, margin: 400 }, { side: -1, size: 1, entry: 2100, margin: 420 }] }), 'a.json');
    expect(json.book!.fingerprint).toBe(csv.book!.fingerprint);
    const lending = await parseBook('collateral,debt\n10,15000\n5,0\n', 'aave.csv');
    expect(lending.book!.positions).toEqual([{ side: 1, size: 10, debt: 15000 }, { side: 1, size: 5, debt: 0 }]);
    // A lending position is a long with entry at the start price and K = debt / collateral.
    const { rows, n, notional } = bookRows(lending.book!, 2000);
    expect(n).toBe(2);
    expect(Array.from(rows.subarray(0, 4))).toEqual([1, 10, 2000, 5000]);
    expect(notional).toBe(30000);
    expect(bookAtStart(lending.book!, 1600, 0.17)).toEqual({ liquidatable: 1, bankrupt: 0, medianEntry: 1600 });
  });

  it('names every bad row and keeps nothing of a bad file', async () => {
    const r = await parseBook('side,size,entry,margin\nlong,1,2000,100\nup,1,2000,100\nshort,-1,2000,100\nlong,1,0,100\nlong,1,2000,\nlong,1,2000,5000\n', 'bad.csv');
    expect(r.book).toBeUndefined();
    expect(r.errors).toEqual([
      { line: 3, message: 'side "up" is not long or short' },
      { line: 4, message: 'size "-1" is not a positive amount' },
      { line: 5, message: 'entry "0" is not a positive price' },
      { line: 6, message: 'needs a margin or a leverage' },
      { line: 7, message: 'margin larger than the position: leverage below 1' },
    ]);
    expect((await parseBook('side,size,colour\nlong,1,red\n', 'x.csv')).errors[0].message).toMatch(/unknown columns "colour"/);
    expect((await parseBook('[{"side":"long","size":1,"entry":2000,"margin":1,"note":"x"}]', 'x.json')).errors).toEqual([{ line: 1, message: 'unknown field note' }]);
    expect((await parseBook('{"positions": 3}', 'x.json')).errors[0].message).toMatch(/expected an array/);
    expect((await parseBook('[1,2', 'x.json')).errors[0].message).toMatch(/not valid JSON/);
    expect((await parseBook('', 'x.csv')).errors[0].message).toMatch(/empty/);
  });
});

describe('an imported book in the core', () => {
  const pool = nodePool(2);
  afterAll(() => pool.dispose());

  it('gives the same bits as the generated book it copies, and the pool runs it at its own size', async () => {
    // The generated single position: 50 units long at 2,000 with $10,000 of margin (10x).
    const generated = scenario({ jumpsOn: false, positions: 1, longShare: 1, leverageMean: 10, leverageDispersion: 0, sizeDispersion: 0, entrySpread: 0, openInterest: 1e5, shockDepth: 0.2, shockStart: 600, paths: 40, horizon: 7200 });
    const a = await pool.run(generated);
    const book = (await parseBook('side,size,entry,margin\nlong,50,2000,10000\n', 'one.csv')).book!;
    pool.imports.book = book;
    const b = await pool.run({ ...generated, bookSource: 'imported', positions: 777, openInterest: 3e9 });
    pool.imports.book = undefined;
    expect(Array.from(b.acc.records)).toEqual(Array.from(a.acc.records));
    const inputs = new CoreInputs();
    inputs.book = book;
    expect(inputs.prepare({ ...generated, bookSource: 'imported' }).run.positions).toBe(1);
    // Without a book loaded, bookSource=imported generates the book from the levers.
    expect(new CoreInputs().prepare({ ...generated, bookSource: 'imported' }).run.positions).toBe(1);
  }, 60_000);

  it('runs a book of longs and shorts (shorts after longs in the core), and liquidates them in a crash', async () => {
    const rows = ['side,size,entry,leverage'];
    for (let i = 0; i < 60; i++) rows.push(`${i % 3 ? 'long' : 'short'},${1 + (i % 7)},${1900 + 5 * i},${2 + (i % 15)}`);
    pool.imports.book = (await parseBook(rows.join('\n'), 'mixed.csv')).book!;
    const s = scenario({ bookSource: 'imported', jumpsOn: false, shockDepth: 0.3, shockStart: 600, shockDuration: 600, paths: 20, horizon: 7200, oracleLatency: 0 });
    const book = await pool.book(s);
    expect(book.side.length).toBe(60);
    expect(Array.from(book.side.slice(0, 40)).every((x) => x === 1)).toBe(true);
    expect(Array.from(book.side.slice(40)).every((x) => x === -1)).toBe(true);
    const { summary } = await pool.run(s);
    expect(summary.cascade.liquidations).toBeGreaterThan(10);
    pool.imports.book = undefined;
  }, 60_000);
});
