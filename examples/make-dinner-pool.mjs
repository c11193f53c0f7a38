// Generates examples/dinner-axes.json, the dinner pool on hand-placed axes, from the table below.
// (examples/dinner.json, the default pool of `useralign choose`, has features from the texts
// instead: see examples/dinner.source.json and docs/datasets.md.)
//
//   pnpm --filter @useralign/core build && node examples/make-dinner-pool.mjs
//
// Each dinner is placed by hand on six interpretable axes in [−1, 1]; scaleFeatures(…, "center")
// then shifts and shrinks the table uniformly so ‖φ(y) − φ(y')‖ ≤ 1, as the method requires.
// A uniform shift and positive scale keep the order of ⟨θ, φ⟩ for every θ, so the personas'
// θ* stay meaningful on the named axes. Plain .mjs on the built core: Node 20 cannot run .ts.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { maxPairwiseDistance, scaleFeatures, toFeatureMatrix } from "../packages/core/dist/index.js";

const featureNames = ["spiciness", "vegetarian", "effort", "heartiness", "adventurousness", "cost"];

// id, spicy, veg, effort, hearty, adventurous, cost, text
// spicy −1 mild … +1 fiery · veg −1 meat-centred … +1 meat-free · effort −1 minutes … +1 hours
// hearty −1 light … +1 filling · adventurous −1 familiar … +1 new to most · cost −1 cheap … +1 fancy
const table = [
  [
    "chana-masala",
    0.5,
    1,
    -0.1,
    0.5,
    0.2,
    -0.7,
    "Chana masala: chickpeas simmered in a tomato, ginger and garam masala sauce, with basmati rice and a squeeze of lemon.",
  ],
  [
    "mapo-tofu",
    1,
    -0.4,
    -0.2,
    0.3,
    0.8,
    -0.4,
    "Mapo tofu with a little pork mince, Sichuan peppercorns and chili bean paste over steamed rice: numbing, fiery and done in 25 minutes.",
  ],
  [
    "thai-green-curry",
    0.7,
    -0.6,
    0,
    0.3,
    0.5,
    0,
    "Thai green curry with chicken, aubergine and Thai basil in coconut milk, served with jasmine rice.",
  ],
  [
    "pork-vindaloo",
    1,
    -1,
    0.8,
    0.8,
    0.7,
    0.1,
    "Goan pork vindaloo, marinated in vinegar and dried chilies and slow-cooked until tender. Keep the yoghurt close.",
  ],
  [
    "jerk-chicken",
    0.9,
    -0.8,
    0.3,
    0.6,
    0.5,
    -0.1,
    "Jerk chicken thighs with scotch bonnet and allspice, grilled and served with rice and peas.",
  ],
  [
    "shakshuka",
    0.3,
    0.8,
    -0.5,
    0.1,
    0.1,
    -0.8,
    "Shakshuka: eggs poached in a spiced pepper and tomato sauce, with crusty bread for dipping.",
  ],
  [
    "caprese-salad",
    -1,
    0.9,
    -1,
    -0.8,
    -0.6,
    -0.1,
    "A caprese salad of ripe tomatoes, mozzarella and basil with good olive oil and a slice of focaccia.",
  ],
  [
    "miso-soup",
    -0.7,
    1,
    -0.7,
    -0.8,
    0.4,
    -0.6,
    "A light miso soup with silken tofu, wakame and spring onions, and a small bowl of rice on the side.",
  ],
  ["mac-and-cheese", -0.9, 0.6, 0, 1, -1, -0.7, "Baked macaroni and cheese with a crisp breadcrumb top, straight out of the oven."],
  [
    "beef-stew",
    -0.6,
    -1,
    1,
    1,
    -0.6,
    0.2,
    "Beef and ale stew with carrots and potatoes, braised for three hours and served over mashed potatoes.",
  ],
  [
    "shepherds-pie",
    -0.8,
    -1,
    0.5,
    1,
    -0.8,
    -0.2,
    "Shepherd's pie: minced lamb in gravy under a thick layer of buttery mash, baked until golden.",
  ],
  [
    "chicken-noodle-soup",
    -0.9,
    -0.7,
    0.2,
    0.3,
    -1,
    -0.6,
    "Chicken noodle soup with celery, carrots and fresh dill, the kind that fixes a bad day.",
  ],
  [
    "aglio-e-olio",
    0.2,
    1,
    -1,
    0.2,
    -0.5,
    -1,
    "Spaghetti aglio e olio: garlic, olive oil, chili flakes and parsley, on the table in 15 minutes.",
  ],
  [
    "veggie-stir-fry",
    0.1,
    1,
    -0.8,
    -0.1,
    -0.2,
    -0.6,
    "A quick vegetable stir-fry with broccoli, peppers and cashews in soy and ginger, over noodles.",
  ],
  [
    "grilled-salmon",
    -0.8,
    -0.6,
    -0.3,
    -0.2,
    -0.3,
    0.5,
    "Grilled salmon with lemon, asparagus and new potatoes: light, fresh and ready in half an hour.",
  ],
  [
    "steak-frites",
    -0.7,
    -1,
    0.2,
    0.9,
    -0.2,
    1,
    "Steak frites: a seared ribeye with béarnaise and thin fries, for a night that deserves it.",
  ],
  [
    "lobster-risotto",
    -0.8,
    -0.8,
    0.9,
    0.5,
    0.4,
    1,
    "Lobster risotto with saffron and a splash of white wine, stirred slowly and finished with butter.",
  ],
  [
    "mushroom-risotto",
    -0.9,
    0.9,
    0.7,
    0.6,
    0,
    0.3,
    "Wild mushroom risotto with parmesan and thyme, creamy and patient: forty minutes of stirring.",
  ],
  [
    "sushi-bowls",
    -0.5,
    -0.5,
    0.1,
    -0.3,
    0.6,
    0.6,
    "Homemade sushi bowls: seasoned rice, raw salmon, avocado, cucumber, nori and pickled ginger.",
  ],
  [
    "misir-wat",
    0.8,
    1,
    0.3,
    0.6,
    1,
    -0.6,
    "Ethiopian misir wat: red lentils stewed in berbere spice, with injera or flatbread to scoop it up.",
  ],
  [
    "bibimbap",
    0.5,
    0.7,
    0.2,
    0.4,
    0.7,
    -0.2,
    "Bibimbap: rice topped with sautéed vegetables, a fried egg and gochujang, mixed at the table.",
  ],
  ["fish-tacos", 0.5, -0.5, -0.2, 0.1, 0.3, 0, "Crispy fish tacos with chipotle mayo, shredded cabbage and lime, ready in 30 minutes."],
  ["greek-salad", -0.8, 0.9, -0.9, -0.5, -0.2, -0.3, "A Greek salad with feta, olives, cucumber and red onion, with warm pita and hummus."],
  [
    "lentil-soup",
    -0.2,
    1,
    0.1,
    0.6,
    -0.4,
    -1,
    "A big pot of lentil and vegetable soup with cumin and a spoon of yoghurt: cheap, warming and good for days.",
  ],
  ["duck-confit", -0.8, -1, 0.6, 0.8, 0.5, 0.9, "Duck confit with crisp skin, white beans and a sharp green salad, bistro style."],
  ["cheese-omelette", -1, 0.7, -1, -0.2, -1, -1, "A three-egg omelette with cheese and herbs and a slice of toast: five minutes, no fuss."],
  [
    "curry-laksa",
    0.8,
    -0.5,
    0.4,
    0.5,
    0.8,
    0.3,
    "Curry laksa: rice noodles in a spicy coconut broth with prawns, tofu puffs and bean sprouts.",
  ],
  ["pizza-margherita", -0.8, 0.8, 0.3, 0.6, -0.8, -0.5, "Homemade pizza margherita on a thin crust, with tomato, mozzarella and basil."],
];

// θ* on the same axes; ‖θ*‖ ≤ S = 3, the method's default bound on the user's vector.
const personas = [
  { name: "spice lover", description: "Wants heat and something new; effort and price don't matter.", theta: [2.4, 0, 0, 0.4, 1.4, 0] },
  { name: "busy vegetarian", description: "No meat, little time, modest budget.", theta: [0, 2, -1.8, 0, 0, -0.8] },
  { name: "comfort food fan", description: "Something filling and familiar; easy on the chili.", theta: [-0.6, 0, 0.3, 2.2, -1.6, 0] },
];

const round = (v) => Math.round(v * 1e6) / 1e6;
const features = scaleFeatures(
  table.map((row) => row.slice(1, 7)),
  { method: "center" },
).map((row) => row.map(round));
// Rounding moves points by ~1e-6; make sure it cannot break the ‖Δφ‖ ≤ 1 requirement.
const diameter = maxPairwiseDistance(toFeatureMatrix(features));
if (diameter > 1) throw new Error(`rounded features have diameter ${diameter} > 1`);

const pool = {
  format: "useralign-pool",
  version: 1,
  question: "What should I cook for dinner tonight?",
  baseline: {
    text: "Something simple and dependable: pasta with a quick tomato sauce and a green salad on the side. It takes about 20 minutes and uses what most kitchens already have.",
  },
  featureNames,
  candidates: table.map((row, j) => ({ id: row[0], text: row[7], features: features[j] })),
  personas,
};

const out = fileURLToPath(new URL("./dinner-axes.json", import.meta.url));
// One line per number array keeps the file readable: a candidate's vector fits on a line.
const json = JSON.stringify(pool, null, 2).replace(/\[\s+(-?\d[^\]]*?)\s+\]/g, (_, body) => `[${body.split(/,\s+/).join(", ")}]`);
writeFileSync(out, `${json}\n`);
console.log(`wrote ${out}: ${table.length} candidates, diameter ${diameter.toFixed(4)}`);
