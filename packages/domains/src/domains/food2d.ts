import type { Dataset } from "../dataset-file.js";
import { FOOD_PERSONAS, FOOD_QUESTIONS, type FoodItem } from "./food2d-data.js";

/**
 * The raw axes span [−1, 1]², whose diameter is 2√2; dividing by it gives ‖Δφ‖ ≤ 1 (method.md "The
 * job") while keeping the axes' directions and relative spacing.
 */
export const FOOD_SCALE = 1 / (2 * Math.SQRT2);

const scaled = (item: FoodItem) => [item.at[0] * FOOD_SCALE, item.at[1] * FOOD_SCALE];

/**
 * The `food2d` domain: three dinner questions, 20 hand-placed suggestions each on spiciness ×
 * veginess, a plain baseline answer per question, and four personas with θ* and a description.
 */
export function food2d(): Dataset {
  return {
    name: "food2d",
    description: "Hand-placed dinner suggestions on spiciness × veginess in [−1, 1]², scaled by 1/(2√2).",
    featureNames: ["spiciness", "veginess"],
    dimension: 2,
    personas: FOOD_PERSONAS.map((p) => ({ name: p.name, description: p.description, theta: [...p.theta] })),
    questions: FOOD_QUESTIONS.map((q) => ({
      id: q.id,
      question: q.question,
      baseline: { text: q.baseline.text, features: scaled(q.baseline) },
      candidates: q.items.map((item) => ({ id: item.id, text: item.text, features: scaled(item) })),
    })),
  };
}
