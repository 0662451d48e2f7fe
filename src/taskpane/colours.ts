/** Colours a custom rating needs besides the one the officer picks: a light row tint and a readable font. */

const HEX = /^#[0-9A-Fa-f]{6}$/;

export function isHexColour(text: string): boolean {
  return HEX.test(text);
}

function channels(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function toHex(rgb: number[]): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('').toUpperCase()}`;
}

/** The fill mixed 80% with white, for whole-row and progress tints. */
export function tintOf(fill: string): string {
  return toHex(channels(fill).map((c) => c + (255 - c) * 0.8));
}

/** Black on light fills, white on dark ones. */
export function fontOn(fill: string): string {
  const [r, g, b] = channels(fill);
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255 > 0.6 ? '#000000' : '#FFFFFF';
}
