/**
 * Downloads from the trends screen: CSV of a chart's table, and a PNG of a chart drawn from its
 * SVG (the chart stays vector in the page; the picture is rasterised on a canvas on demand).
 */
import { buildCsv } from './csv';
import type { ChartTable } from './chart-data';

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(table: ChartTable, fileName: string): void {
  downloadBlob(new Blob([buildCsv(table.columns, table.rows)], { type: 'text/csv;charset=utf-8' }), fileName);
}

/** Presentation properties copied from the live chart into the standalone SVG (CSS does not travel). */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;

/** A standalone copy of the SVG: computed styles inlined, explicit size, namespaces set. */
export function standaloneSvg(svg: SVGSVGElement): { markup: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const height = Math.max(1, Math.round(box.height));
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((el, i) => {
    const copy = copies[i] as SVGElement | undefined;
    if (!copy || !(el instanceof SVGElement)) return;
    const cs = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => {
      const v = cs.getPropertyValue(p);
      return v ? `${p}:${v}` : '';
    })
      .filter(Boolean)
      .join(';');
    if (style) copy.setAttribute('style', style);
    copy.removeAttribute('class');
    copy.removeAttribute('tabindex');
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return { markup: new XMLSerializer().serializeToString(clone), width, height };
}

export interface PictureText {
  title: string;
  subtitle: string;
  legend: Array<{ label: string; color: string }>;
  colors: { background: string; text: string; muted: string };
  font: string;
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('The chart could not be drawn'));
    img.src = url;
  });
}

/** The chart as a PNG: title and subtitle above, the SVG, the legend below; at 2× for sharpness. */
export async function chartPng(svg: SVGSVGElement, text: PictureText, scale = 2): Promise<Blob> {
  const { markup, width, height } = standaloneSvg(svg);
  const pad = 16;
  const head = 52;
  const legendRows = Math.ceil(text.legend.length / 6);
  const foot = text.legend.length ? 12 + legendRows * 22 : 4;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round((width + 2 * pad) * scale);
  canvas.height = Math.round((head + height + foot + pad) * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No canvas to draw on');
  ctx.scale(scale, scale);
  ctx.fillStyle = text.colors.background;
  ctx.fillRect(0, 0, width + 2 * pad, head + height + foot + pad);
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = text.colors.text;
  ctx.font = `700 16px ${text.font}`;
  ctx.fillText(text.title, pad, pad + 14);
  ctx.fillStyle = text.colors.muted;
  ctx.font = `400 12px ${text.font}`;
  ctx.fillText(text.subtitle, pad, pad + 34);

  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = await loadImage(url);
    ctx.drawImage(img, pad, head, width, height);
  } finally {
    URL.revokeObjectURL(url);
  }

  ctx.font = `400 12px ${text.font}`;
  let x = pad;
  let y = head + height + 20;
  for (const item of text.legend) {
    const w = 18 + ctx.measureText(item.label).width + 18;
    if (x + w > width + pad) {
      x = pad;
      y += 22;
    }
    ctx.fillStyle = item.color;
    ctx.fillRect(x, y - 10, 12, 12);
    ctx.fillStyle = text.colors.text;
    ctx.fillText(item.label, x + 18, y);
    x += w;
  }
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The picture could not be made'))), 'image/png'));
}
