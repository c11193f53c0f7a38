/** Six dinners on two hand-made axes (spiciness, heartiness), scaled to the unit-diameter ball. */
export const DINNERS = [
  { text: "Chana masala with basmati rice", features: [0.35, 0.1] },
  { text: "Mapo tofu over steamed rice", features: [0.45, 0.2] },
  { text: "Mushroom risotto", features: [-0.3, 0.25] },
  { text: "Greek salad with feta", features: [-0.35, -0.3] },
  { text: "Beef chili with cornbread", features: [0.3, 0.4] },
  { text: "Miso soup and onigiri", features: [-0.2, -0.1] },
];
