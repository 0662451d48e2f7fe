/**
 * Draws BoardPlan's icons (three rising bars in red, amber and green on a dark rounded square; the
 * ribbon buttons add a white badge) at every size the manifest asks for, and writes them to assets/.
 *
 *   npx ts-node -P tsconfig.jest.json --transpile-only scripts/make-icons.ts
 *
 * Each size is laid out on whole pixels so the 16 px ribbon icon stays sharp; edges are
 * antialiased by sampling each pixel on a 4 × 4 grid.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { PNG } from 'pngjs';

type Rgb = readonly [number, number, number];

const BACKGROUND: Rgb = [0x1f, 0x3a, 0x5f];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const BARS: Rgb[] = [
  [0xd1, 0x34, 0x38], // red
  [0xff, 0xb9, 0x00], // amber
  [0x2e, 0xb8, 0x2e], // green
];

/** A shape is a colour and a test of whether a point (in pixels) is inside it. */
interface Shape {
  colour: Rgb;
  contains(x: number, y: number): boolean;
}

function roundedRect(x0: number, y0: number, x1: number, y1: number, radius: number, colour: Rgb): Shape {
  return {
    colour,
    contains(x, y) {
      if (x < x0 || x > x1 || y < y0 || y > y1) return false;
      const cx = Math.min(Math.max(x, x0 + radius), x1 - radius);
      const cy = Math.min(Math.max(y, y0 + radius), y1 - radius);
      return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius;
    },
  };
}

/** A thick line with round ends. */
function stroke(ax: number, ay: number, bx: number, by: number, width: number, colour: Rgb): Shape {
  return {
    colour,
    contains(x, y) {
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (width / 2) ** 2;
    },
  };
}

/** A ring open between two angles (radians, clockwise from 3 o'clock, y pointing down). */
function arc(cx: number, cy: number, radius: number, width: number, gapFrom: number, gapTo: number, colour: Rgb): Shape {
  return {
    colour,
    contains(x, y) {
      const d = Math.hypot(x - cx, y - cy);
      if (Math.abs(d - radius) > width / 2) return false;
      const a = (Math.atan2(y - cy, x - cx) + 2 * Math.PI) % (2 * Math.PI);
      return a < gapFrom || a > gapTo;
    },
  };
}

function triangle(points: [number, number][], colour: Rgb): Shape {
  const [[x1, y1], [x2, y2], [x3, y3]] = points;
  const side = (ax: number, ay: number, bx: number, by: number, x: number, y: number) => (bx - ax) * (y - ay) - (by - ay) * (x - ax);
  return {
    colour,
    contains(x, y) {
      const s1 = side(x1, y1, x2, y2, x, y);
      const s2 = side(x2, y2, x3, y3, x, y);
      const s3 = side(x3, y3, x1, y1, x, y);
      return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
    },
  };
}

/** The add-in's mark: three rising bars on a dark rounded square. */
function bars(size: number, heights = [0.3, 0.46, 0.62]): Shape[] {
  const shapes: Shape[] = [roundedRect(0, 0, size, size, size * 0.18, BACKGROUND)];
  const margin = Math.round(size * 0.19);
  const gap = Math.max(1, Math.round(size * 0.07));
  const width = Math.floor((size - 2 * margin - 2 * gap) / 3);
  const left = Math.round((size - (3 * width + 2 * gap)) / 2);
  const baseline = size - margin;
  BARS.forEach((colour, i) => {
    const x0 = left + i * (width + gap);
    const height = Math.max(2, Math.round(size * heights[i]));
    shapes.push(roundedRect(x0, baseline - height, x0 + width, baseline, size >= 64 ? size * 0.02 : 0, colour));
  });
  return shapes;
}

/** Lower red and amber bars leave the top-left corner free for each button's white badge. */
const BADGE_BARS = [0.22, 0.34, 0.62];

function badgeBox(size: number) {
  const unit = size / 16;
  return { cx: 4.2 * unit, cy: 4.2 * unit, r: 2.4 * unit, w: Math.max(1.2, 1.25 * unit) };
}

export const ICON_KINDS = {
  /** The add-in, the ribbon group and "Open BoardPlan". */
  icon: bars,
  /** "Refresh status": a circular arrow. */
  refresh(size: number): Shape[] {
    const { cx, cy, r, w } = badgeBox(size);
    const head = w * 1.35;
    return [
      ...bars(size, BADGE_BARS),
      arc(cx, cy, r, w, 1.5 * Math.PI, 1.95 * Math.PI, WHITE),
      triangle(
        [
          [cx + r - head, cy - 0.2 * w],
          [cx + r + head, cy - 0.2 * w],
          [cx + r, cy - head * 1.4],
        ],
        WHITE,
      ),
    ];
  },
  /** "Check plan": a tick. */
  check(size: number): Shape[] {
    const { cx, cy, r, w } = badgeBox(size);
    return [
      ...bars(size, BADGE_BARS),
      stroke(cx - r, cy, cx - r * 0.25, cy + r * 0.75, w, WHITE),
      stroke(cx - r * 0.25, cy + r * 0.75, cx + r, cy - r * 0.9, w, WHITE),
    ];
  },
} as const;

/** Sizes per kind: the store and the manifest's add-in icon need 16–128; ribbon buttons 16, 32, 80. */
export const ICON_SIZES: Record<keyof typeof ICON_KINDS, readonly number[]> = {
  icon: [16, 32, 64, 80, 128],
  refresh: [16, 32, 80],
  check: [16, 32, 80],
};

export function drawIcon(kind: keyof typeof ICON_KINDS, size: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const shapes = ICON_KINDS[kind](size);
  const grid = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < grid; sy++) {
        for (let sx = 0; sx < grid; sx++) {
          const x = px + (sx + 0.5) / grid;
          const y = py + (sy + 0.5) / grid;
          // The topmost shape that covers the sample decides its colour.
          let colour: Rgb | null = null;
          for (const shape of shapes) if (shape.contains(x, y)) colour = shape.colour;
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = covered ? Math.round(r / covered) : 0;
      png.data[i + 1] = covered ? Math.round(g / covered) : 0;
      png.data[i + 2] = covered ? Math.round(b / covered) : 0;
      png.data[i + 3] = Math.round((255 * covered) / (grid * grid));
    }
  }
  return PNG.sync.write(png);
}

if (require.main === module) {
  const dir = join(__dirname, '..', 'assets');
  mkdirSync(dir, { recursive: true });
  for (const kind of Object.keys(ICON_KINDS) as (keyof typeof ICON_KINDS)[]) {
    for (const size of ICON_SIZES[kind]) {
      const file = join(dir, `${kind}-${size}.png`);
      writeFileSync(file, drawIcon(kind, size));
      console.log(`wrote ${file}`);
    }
  }
}
