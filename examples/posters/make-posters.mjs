// Writes the small image demo pool: 16 hand-made SVG "posters" for a summer concert, one per
// combination of four features, and pool.json with those features (±0.24 per axis plus a small
// hand-placed offset, so every pairwise distance stays below 1).
// Run: node examples/posters/make-posters.mjs
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const featureNames = ["warmth", "busyness", "roundness", "brightness"];
const palettes = { warm: ["#e4572e", "#f3a712", "#c2185b", "#ff8a5b"], cool: ["#2e86ab", "#3bb273", "#5c4d99", "#76c7c0"] };
// Hand-placed shapes: [x, y, size] on a 200×200 canvas.
const many = [
  [45, 50, 26],
  [120, 40, 20],
  [160, 95, 24],
  [70, 115, 30],
  [140, 150, 22],
  [40, 165, 18],
  [100, 80, 14],
];
const few = [
  [75, 85, 42],
  [135, 130, 30],
];
const offsets = [0.01, -0.02, 0.015, -0.01, 0.02, 0, -0.015, 0.005];

function shape([x, y, r], round, color) {
  return round
    ? `<circle cx="${x}" cy="${y}" r="${r}" fill="${color}"/>`
    : `<rect x="${x - r}" y="${y - r}" width="${2 * r}" height="${2 * r}" rx="3" fill="${color}" transform="rotate(${((x + y) % 30) - 15} ${x} ${y})"/>`;
}

function poster({ warm, busy, round, bright }, title) {
  const palette = warm ? palettes.warm : palettes.cool;
  const bg = bright ? (warm ? "#fff4e0" : "#eef6fb") : warm ? "#3a1c14" : "#121a2b";
  const ink = bright ? "#222" : "#f5f5f5";
  const shapes = (busy ? many : few).map((s, i) => shape(s, round, palette[i % palette.length])).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="400" height="400" role="img" aria-label="${title}">
<rect width="200" height="200" fill="${bg}"/>${shapes}
<text x="100" y="190" text-anchor="middle" font-family="sans-serif" font-size="14" font-weight="700" fill="${ink}">SUMMER CONCERT</text>
</svg>
`;
}

const candidates = [];
let k = 0;
for (const warm of [true, false])
  for (const busy of [true, false])
    for (const round of [true, false])
      for (const bright of [true, false]) {
        const words = [warm ? "warm" : "cool", busy ? "busy" : "sparse", round ? "round" : "angular", bright ? "light" : "dark"];
        const id = words.join("-");
        const text = `A ${words[3]}, ${words[0]}-coloured poster with ${busy ? "many" : "two"} ${round ? "circles" : "tilted squares"}.`;
        writeFileSync(join(here, `${id}.svg`), poster({ warm, busy, round, bright }, text));
        const sign = [warm, busy, round, bright].map((b) => (b ? 0.24 : -0.24));
        const features = sign.map((v, i) => Number((v + offsets[(k + i) % offsets.length] * 0.5).toFixed(4)));
        candidates.push({ id, text, image: `${id}.svg`, features });
        k++;
      }

writeFileSync(
  join(here, "baseline.svg"),
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="400" height="400" role="img" aria-label="A plain grey poster">
<rect width="200" height="200" fill="#e6e6e6"/><rect x="50" y="50" width="100" height="90" fill="#9e9e9e"/>
<text x="100" y="190" text-anchor="middle" font-family="sans-serif" font-size="14" font-weight="700" fill="#333">SUMMER CONCERT</text>
</svg>
`,
);

const pool = {
  format: "useralign-pool",
  version: 1,
  question: "Design a poster for a summer concert in the park.",
  baseline: { text: "A plain grey poster with the title and one block of colour." },
  featureNames,
  candidates,
  personas: [
    { name: "minimalist designer", description: "Likes calm, sparse layouts on a light background.", theta: [0, -2.2, 0, 1.6] },
    { name: "festival fan", description: "Wants it loud: warm colours, lots going on, playful round shapes.", theta: [2, 1.6, 1, 0] },
    { name: "jazz club regular", description: "Prefers a dark, cool, sophisticated look with clean angles.", theta: [-1.2, 0, -1.2, -2.2] },
  ],
};
writeFileSync(join(here, "pool.json"), JSON.stringify(pool, null, 2) + "\n");
