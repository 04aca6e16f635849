// A worker's sign of life, posted beside Comlink's messages (which ignore it): a busy worker sends
// it from inside a long chunk (after a path, at most every 250 ms), so the pool can tell a worker
// that is working from one that has gone away without a word (a closed worker sends no error).
export const HEARTBEAT = { cascadeLabHeartbeat: 1 } as const;

export function isHeartbeat(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>).cascadeLabHeartbeat === 1;
}
