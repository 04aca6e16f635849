// A chart's width, from a ResizeObserver alone. Svelte's bind:clientWidth also reads the width as
// the chart mounts, which makes the browser lay the whole page out there and then: 10-20 ms in each
// turn that mounted a chart (turns.ts). The observer reports the width after the frame's own layout
// and before its paint, so a chart is never seen at a wrong width.
import type { Attachment } from 'svelte/attachments';
import { turns } from '../turns';

const known = new Map<string, number>();

/** The width the chart `key` last had, else `guess`: a chart mounted again (a tab shown again) draws once, not twice. */
export function knownWidth(key: string, guess: number): number {
  return known.get(key) ?? guess;
}

/**
 * Attachment: `set` gets the element's clientWidth after each change of its size. The first width
 * of a chart that did not know it comes in a turn of its own (turns.ts): drawn from the observer,
 * every chart mounted since the last frame drew in that frame's one task (86 ms in a profile).
 */
export function trackWidth(key: string, set: (width: number) => void): Attachment<HTMLElement> {
  return (el) => {
    let settled = known.has(key), latest = 0;
    let withdraw: (() => void) | undefined;
    const seen = new ResizeObserver(() => {
      latest = el.clientWidth;
      known.set(key, latest);
      if (settled) return set(latest);
      withdraw ??= turns.take(() => {
        settled = true;
        set(latest);
      });
    });
    seen.observe(el);
    return () => {
      seen.disconnect();
      withdraw?.();
    };
  };
}
