// The tray images, drawn in code: a coloured disc per state with a white mark (ring when idle, dot
// when listening, three dots when thinking, sound bars when speaking, "!" on error). Anti-aliased
// by 4×4 supersampling; returned as PNG bytes for nativeImage.createFromBuffer.
import { encodePng } from './png-encoder';
import type { TrayState } from './tray-state';

type Rgba = readonly [number, number, number, number];

const COLOURS: Record<TrayState, Rgba> = {
  idle: [0x8a, 0x8f, 0x98, 255],
  listening: [0xe5, 0x39, 0x35, 255],
  thinking: [0xf9, 0xa8, 0x25, 255],
  speaking: [0x43, 0xa0, 0x47, 255],
  error: [0xb7, 0x1c, 0x1c, 255],
};
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

const inCircle = (x: number, y: number, cx: number, cy: number, r: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inRect = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

/** The mark drawn in white on the disc, in unit coordinates (0..1, y down). */
function inMark(state: TrayState, x: number, y: number): boolean {
  switch (state) {
    case 'idle':
      return false;
    case 'listening':
      return inCircle(x, y, 0.5, 0.5, 0.17);
    case 'thinking':
      return [0.28, 0.5, 0.72].some((cx) => inCircle(x, y, cx, 0.5, 0.075));
    case 'speaking':
      return inRect(x, y, 0.27, 0.4, 0.37, 0.6) || inRect(x, y, 0.45, 0.27, 0.55, 0.73) || inRect(x, y, 0.63, 0.36, 0.73, 0.64);
    case 'error':
      return inRect(x, y, 0.445, 0.22, 0.555, 0.6) || inCircle(x, y, 0.5, 0.74, 0.065);
  }
}

function paint(state: TrayState, x: number, y: number): Rgba {
  if (!inCircle(x, y, 0.5, 0.5, 0.46)) return CLEAR;
  if (state === 'idle') return inCircle(x, y, 0.5, 0.5, 0.3) ? CLEAR : COLOURS.idle;
  return inMark(state, x, y) ? WHITE : COLOURS[state];
}

/** Straight RGBA pixels of the icon at `size`×`size`. */
export function drawTrayIcon(state: TrayState, size: number): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const [cr, cg, cb, ca] = paint(state, (px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const at = (py * size + px) * 4;
      if (a > 0) {
        out[at] = Math.round(r / a);
        out[at + 1] = Math.round(g / a);
        out[at + 2] = Math.round(b / a);
      }
      out[at + 3] = Math.round(a / (samples * samples));
    }
  }
  return out;
}

export function trayIconPng(state: TrayState, size: number): Buffer {
  return encodePng(size, size, drawTrayIcon(state, size));
}
