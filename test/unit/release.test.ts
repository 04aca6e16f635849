// release(): a spent buffer's memory is given back at once (not at V8's next full collection), and
// what cannot be released is left as it is, without an error.
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { release } from '../../src/engine/release';

describe('release', () => {
  it('frees a buffer at once and leaves it detached', () => {
    const a = new Float64Array(1 << 20).fill(1); // 8 MB
    const before = process.memoryUsage().external;
    release([a.buffer]);
    expect(a.buffer.byteLength).toBe(0);
    expect(a.length).toBe(0);
    expect(before - process.memoryUsage().external).toBeGreaterThan(0.9 * (8 << 20));
  });

  it('frees buffers that came from another thread', async () => {
    const { port1, port2 } = new MessageChannel();
    const got = new Promise<Float64Array>((r) => port2.once('message', r));
    const sent = new Float64Array(1 << 19).fill(2); // 4 MB
    port1.postMessage(sent, [sent.buffer]);
    const a = await got;
    port1.close();
    expect(a[0]).toBe(2);
    const before = process.memoryUsage().external;
    release([a.buffer as ArrayBuffer]);
    expect(a.buffer.byteLength).toBe(0);
    expect(before - process.memoryUsage().external).toBeGreaterThan(0.9 * (4 << 20));
  });

  it('leaves what it cannot release: a detached buffer, a shared one, none at all', () => {
    const a = new Float64Array(8);
    release([a.buffer]);
    expect(() => release([a.buffer])).not.toThrow();
    const shared = new Float64Array(new SharedArrayBuffer(64)).fill(3);
    expect(() => release([shared.buffer as unknown as ArrayBuffer])).not.toThrow();
    expect(shared[0]).toBe(3);
    expect(() => release([])).not.toThrow();
  });
});
