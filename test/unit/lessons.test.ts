// Lessons (issue 15): the shipped ones are valid, a broken one is refused by step and field, and
// each question's right answer is what the simulation shows for its scenarios.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LESSON_FILES, LESSON_MENU, allLessons, lessonById } from '../../src/lessons';
import { readLesson } from '../../src/lessons/lesson';
import { openLink } from '../../src/presets';
import { VIEW_KEYS } from '../../src/ui/view';
import { nodePool } from '../helpers/pool';

describe('the lessons shipped', () => {
  it('are all valid: every step opens without a message, every question has its answer among its options', () => {
    const ids = ['calm-vs-cascade', 'oracle-latency', 'fund-runs-dry', 'mechanisms-compared', 'contagion'];
    expect(allLessons().map((l) => l.id)).toEqual(ids);
    // The menu lists them all, by the title each opens with (the menu reads the files unchecked).
    expect(LESSON_MENU).toEqual(allLessons().map((l) => ({ id: l.id, title: l.title })));
    for (const doc of Object.values(LESSON_FILES)) expect(readLesson(doc).errors).toEqual([]);
    for (const l of allLessons()) for (const s of l.steps) expect(openLink(s.link, VIEW_KEYS).errors, `${l.id}: ${s.title}`).toEqual([]);
  });

  it('refuse a broken lesson, naming the step and the field', () => {
    const good = LESSON_FILES['oracle-latency.json'] as Record<string, unknown>;
    const steps = good.steps as Record<string, unknown>[];
    const broken = {
      ...good,
      steps: [
        { ...steps[0], link: '#v=2&mmr=lots' },
        { ...steps[1], look: 'chart:nothing', question: { ...(steps[1].question as object), answer: 7 } },
      ],
    };
    expect(readLesson(broken).errors).toEqual([
      'steps[0].link: mmr: not a number; using the default 3%',
      'steps[1].look: one of chart:theory, chart:solvency, chart:bad-debt, chart:price, chart:liquidated, chart:fund, chart:metrics, chart:liquidation-map, chart:mechanisms, chart:adl, chart:margins, chart:assets, card:insolvency, card:bad-debt, card:amplification, card:trader-cost',
      'steps[1].question.answer: the index of an option',
    ]);
    expect(readLesson({ ...good, steps: [{ ...steps[0], link: '#v=2&lesson=x' }] }).errors).toEqual(["steps[0].link: a step's link may not name a lesson"]);
    expect(readLesson({ format: 'something else' }).errors).toEqual(['not a Cascade Lab lesson (format cascade-lab-lesson)']);
  });

  it('a shipped file that is broken refuses to open and says why (checked when first asked for)', () => {
    const good = LESSON_FILES['oracle-latency.json'] as Record<string, unknown>;
    LESSON_FILES['broken.json'] = { ...good, id: 'broken-one', version: 2 };
    const said = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(lessonById('broken-one')).toBeUndefined();
      expect(said).toHaveBeenCalledWith('lesson broken.json: version: expected 1');
      expect(lessonById('no-such-lesson')).toBeUndefined();
      expect(lessonById('oracle-latency')?.title).toBe(good.title);
    } finally {
      delete LESSON_FILES['broken.json'];
      said.mockRestore();
    }
  });
});

describe('the answers to the lessons\' questions', () => {
  const pool = nodePool(2);
  afterAll(() => pool.dispose());
  const run = async (link: string) => (await pool.run(openLink(link, VIEW_KEYS).scenario)).summary;
  const question = (id: string, k: number) => lessonById(id)!.steps[k];

  it('are what the simulation shows', async () => {
    // A calm market at 4x: a 25% fall liquidates much more, and still no path is insolvent.
    const calm = question('calm-vs-cascade', 0);
    const [before, after] = [await run(calm.link), await run(calm.question!.reveal!)];
    expect(after.cascade.liquidatedNotional).toBeGreaterThan(20 * before.cascade.liquidatedNotional);
    expect(after.pInsolvent).toBe(0);
    // Twice the depth leaves much less than half of the cascade's extra fall.
    const tip = question('calm-vs-cascade', 1);
    const [thin, deep] = [await run(tip.link), await run(tip.question!.reveal!)];
    expect(deep.cascade.amplification! - 1).toBeLessThan(0.4 * (thin.cascade.amplification! - 1));
    // A one-minute-old price: most paths end insolvent; doubling the penalty saves none.
    const oracle = question('oracle-latency', 0);
    expect((await run(oracle.link)).pInsolvent).toBeLessThan(0.01);
    expect((await run(oracle.question!.reveal!)).pInsolvent).toBeGreaterThan(0.5);
    const penalty = question('oracle-latency', 1);
    expect((await run(penalty.question!.reveal!)).pInsolvent).toBeGreaterThan(0.95);
    // Twice the fund: almost no path ends insolvent, against about one in seven.
    const fund = question('fund-runs-dry', 0);
    expect((await run(fund.link)).pInsolvent).toBeGreaterThan(0.1);
    expect((await run(fund.question!.reveal!)).pInsolvent).toBeLessThan(0.01);
    // The protocol's pool keeps the market's fall smallest of the four mechanisms.
    const mech = question('mechanisms-compared', 0);
    const amp: Record<string, number> = {};
    for (const m of ['full', 'partial', 'dutch', 'amm']) amp[m] = (await run(`${mech.link}&mechanism=${m}`)).cascade.amplification!;
    expect(Object.entries(amp).sort((a, b) => a[1] - b[1])[0][0]).toBe(['full', 'partial', 'dutch', 'amm'][mech.question!.answer]);
    // Only ETH falls, yet most of BTC's liquidations are other assets' doing; isolated margin leaves
    // several times the bad debt.
    const cross = await run(question('contagion', 0).link);
    const btc = cross.assets![1];
    expect(btc.fromOthers.mean).toBeGreaterThan(0.5 * btc.liquidated.mean);
    const isolated = await run(question('contagion', 1).question!.reveal!);
    expect(isolated.badDebt.mean).toBeGreaterThan(3 * cross.badDebt.mean);
  }, 120_000);
});
