// Gives back, at once, the memory of buffers nothing will read again. A chunk result comes from its
// worker as a transferred buffer, which V8 counts as memory held outside its heap until a full
// collection finds the buffer unreachable; and V8 starts a full collection when that memory grows,
// not when the JavaScript heap does. In Node's pool a default run took in 2.7 MB of chunk results
// (its accumulator is 1.3 MB more; its JavaScript objects 0.5 MB), so a full collection came every
// two or three runs, on the cores the workers use. Transferring a buffer detaches it, and one sent through a closed port goes nowhere: its
// memory is freed there and then (the standard's postMessage detaches what it transfers before
// it looks whether the port still has a partner).

let sink: MessagePort | null | undefined;

/** Frees the memory of `buffers` now; each is left detached (length 0). Without MessageChannel, does nothing. */
export function release(buffers: ArrayBuffer[]): void {
  if (sink === undefined) sink = closedPort();
  if (!sink || buffers.length === 0) return;
  try {
    sink.postMessage(null, buffers);
  } catch {
    // A buffer that cannot be transferred (already detached, or shared) is left to the collector.
  }
}

function closedPort(): MessagePort | null {
  if (typeof MessageChannel !== 'function') return null;
  const { port1, port2 } = new MessageChannel();
  port2.close();
  return port1;
}
