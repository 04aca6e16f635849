// Downloads: results as CSV and JSON, each chart as a standalone SVG (styles inlined, so it looks
// the same outside the app) or as a PNG drawn from that SVG.

const STYLE_PROPS = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'font-family', 'font-size', 'font-weight'];

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A standalone SVG document of a chart: computed styles inlined, a background and the title. */
export function chartSvg(svg: SVGSVGElement, title: string): { text: string; width: number; height: number } {
  const width = svg.width.baseVal.value, height = svg.height.baseVal.value;
  const head = 26;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const src = svg.querySelectorAll('*'), dst = clone.querySelectorAll('*');
  src.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const out = dst[i] as SVGElement;
    out.removeAttribute('class');
    if (el.classList.contains('catcher') || el.classList.contains('rule')) {
      out.remove();
      return;
    }
    // Through the CSSOM: the app's Content-Security-Policy forbids writing style attributes.
    for (const p of STYLE_PROPS) out.style.setProperty(p, cs.getPropertyValue(p));
  });
  const root = getComputedStyle(svg);
  const bg = getComputedStyle(svg.closest('figure') ?? document.body).backgroundColor;
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height + head));
  clone.setAttribute('viewBox', `0 ${-head} ${width} ${height + head}`);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const ns = 'http://www.w3.org/2000/svg';
  const rect = document.createElementNS(ns, 'rect');
  rect.setAttribute('x', '0');
  rect.setAttribute('y', String(-head));
  rect.setAttribute('width', String(width));
  rect.setAttribute('height', String(height + head));
  rect.setAttribute('fill', bg);
  const text = document.createElementNS(ns, 'text');
  text.setAttribute('x', '8');
  text.setAttribute('y', String(-8));
  text.style.setProperty('font-family', root.fontFamily);
  text.style.setProperty('font-size', '13px');
  text.style.setProperty('font-weight', '600');
  text.style.setProperty('fill', root.color);
  text.textContent = title;
  clone.prepend(rect, text);
  return { text: new XMLSerializer().serializeToString(clone), width, height: height + head };
}

export async function svgToPng(svg: { text: string; width: number; height: number }, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(svg.width * scale);
    canvas.height = Math.round(svg.height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'chart';
}
