/**
 * WCAG 2 contrast between two sRGB colours, for refusing a brand accent that readers cannot read.
 * No package in node_modules computes it; the formula is WCAG 2.2's definition of relative
 * luminance (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance) and contrast ratio.
 */

/** `#rgb` or `#rrggbb`, any case. */
export const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** The colour's red, green and blue channels, 0–255; undefined for anything but `#rgb`/`#rrggbb`. */
export function parseHexColour(hex: string): [number, number, number] | undefined {
  if (!HEX_COLOUR.test(hex)) return undefined;
  const digits = hex.length === 4 ? [...hex.slice(1)].map((d) => d + d).join("") : hex.slice(1);
  return [0, 2, 4].map((i) => Number.parseInt(digits.slice(i, i + 2), 16)) as [number, number, number];
}

/** Relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance([r, g, b]: readonly [number, number, number]): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The contrast ratio of two `#rrggbb` colours, from 1 to 21, in either order. */
export function contrastRatio(first: string, second: string): number {
  const a = parseHexColour(first);
  const b = parseHexColour(second);
  if (!a || !b) throw new Error(`Internal error: contrastRatio needs hex colours (got ${first}, ${second}).`);
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** WCAG 2 AA's minimum for normal-size text (1.4.3), which links are. */
export const AA_TEXT_CONTRAST = 4.5;

/**
 * The ratio as a person reads it, rounded down to one decimal so that a colour just under the
 * minimum never prints as meeting it (4.49 → "4.4:1", not "4.5:1").
 */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 10) / 10).toFixed(1)}:1`;
}
