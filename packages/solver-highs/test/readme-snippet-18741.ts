import { createSession, createSolverRegistry } from "@useralign/core";
import { registerHighs } from "@useralign/solver-highs";

const registry = createSolverRegistry();
const highs = await registerHighs(registry); // loads the WebAssembly once; nothing happens on import
const features = [
  [0.5, 0],
  [0, 0.5],
  [-0.3, 0.4],
  [0.35, 0.35],
];
const session = createSession({ features, solver: "highs", registry, seed: 1 });
let view = session.next();
while (view.status === "question") view = session.answer(Math.min(...view.pair)); // a user who likes low indices
console.log(`picked ${view.choice} with ${highs.name} after ${view.questions} questions`);
highs.dispose(); // WebAssembly memory is not garbage-collected
