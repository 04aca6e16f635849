// A chart's width, from a ResizeObserver alone. Svelte's bind:clientWidth also reads the width as
// the chart mounts, which makes the browser lay the whole page out there and then: 10-20 ms in each
// turn that mounted a chart (turns.ts). The observer reports the width after the frame's own layout
// and before its paint, so a chart is never seen at a wrong width.
import type { Attachment } from 'svelte/attachments';

const known = new Map<string, number>();

/** The width the chart `key` last had, else `guess`: a chart mounted again (a tab shown again) draws once, not twice. */
export function knownWidth(key: string, guess: number): number {
  return known.get(key) ?? guess;
}

/** Attachment: `set` gets the element's clientWidth after each change of its size, the first after its first layout. */
export function trackWidth(key: string, set: (width: number) => void): Attachment<HTMLElement> {
  return (el) => {
    const seen = new ResizeObserver(() => {
      const w = el.clientWidth;
      known.set(key, w);
      set(w);
    });
    seen.observe(el);
    return () => seen.disconnect();
  };
}
