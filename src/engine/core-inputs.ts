// What the core reads beyond the scenario's levers: an imported price series (as log offsets per
// step) and an imported book (as rows of side, size, entry, margin), one after the other in the
// core's inputs. The pool holds the imports of its page (or CLI run) and prepares every run from
// them: the parameters, the plan they encode, the inputs and the key workers cache them by.
import * as A from '../../assembly/shared/abi';
import { bookRows, type ImportedBook } from '../imports/book';
import { seriesOffsets, seriesSpan, type PriceSeries } from '../imports/series';
import type { Scenario } from '../scenario';
import { encodeParams, seriesMode } from './params';
import { planRun, type RunPlan } from './plan';

export interface Prepared {
  /** The scenario as the core runs it: an imported book sets its positions and open interest. */
  run: Scenario;
  params: Float64Array;
  plan: RunPlan;
  inputs: Float64Array;
  key: string;
}

export class CoreInputs {
  series: PriceSeries | undefined;
  book: ImportedBook | undefined;
  private memo: { key: string; data: Float64Array; span: number; n: number; notional: number } = { key: '', data: new Float64Array(0), span: 0, n: 0, notional: 0 };

  /** `s` is resolved (resolve.ts). */
  prepare(s: Scenario): Prepared {
    const steps = planRun(s).steps;
    const series = this.series && s.pricePath !== 'simulated' ? this.series : undefined;
    const book = this.book && s.bookSource === 'imported' ? this.book : undefined;
    const key = series || book ? `${series ? `${series.fingerprint}/${steps}/${s.dt}` : ''}|${book ? `${book.fingerprint}/${s.S0}` : ''}` : '';
    if (key && this.memo.key !== key) {
      const offsets = series ? seriesOffsets(series, steps, s.dt) : new Float64Array(0);
      const b = book ? bookRows(book, s.S0) : { rows: new Float64Array(0), n: 0, notional: 0 };
      const data = new Float64Array(offsets.length + b.rows.length);
      data.set(offsets);
      data.set(b.rows, offsets.length);
      this.memo = { key, data, span: series ? seriesSpan(offsets) : 0, n: b.n, notional: b.notional };
    }
    const m = key ? this.memo : { data: new Float64Array(0), span: 0, n: 0, notional: 0 };
    // The book's own size stands for the levers that would have generated one (memory, bands).
    const run: Scenario = m.n ? { ...s, positions: m.n, openInterest: Math.min(Math.max(m.notional, 1e3), 1e12) } : s;
    const offsets = series ? m.data.subarray(0, steps + 1) : undefined;
    const params = encodeParams(run, { series: offsets, bookRows: m.n });
    const used = seriesMode(run, offsets) !== A.SERIES_NONE;
    return { run, params, plan: planRun(run, used ? m.span : 0), inputs: m.data, key };
  }
}
