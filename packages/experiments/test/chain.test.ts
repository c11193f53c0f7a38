import { createDomain } from "@useralign/domains";
import { describe, expect, it } from "vitest";
import { runChain, runSession, type ChainPatch } from "../src/chain.js";
import { makeUser, trajectorySeeds } from "../src/trajectory.js";
import type { Task, UserModel } from "../src/task.js";

// The chain shares one trajectory across the ε (or budget) grid; every result must be exactly what
// an independent session with that setting, the same seed and a fresh user would return.
describe("runChain equals independent sessions", () => {
  const cases: [string, UserModel, "useralign" | "useralign-loss" | "iidbest", ChainPatch[], boolean][] = [
    ["synthetic2d", "btl", "useralign", [3, 2, 1, 0.5, 0.2, 0].map((epsilon) => ({ epsilon })), false],
    ["synthetic2d", "btl", "useralign-loss", [3, 1, 0.3, 0].map((epsilon) => ({ epsilon })), false],
    ["sphere64", "consistent", "useralign", [3, 2, 1, 0.5, 0.1, 0].map((epsilon) => ({ epsilon })), false],
    ["sphere64", "btl", "iidbest", [0, 5, 20, 60].map((budget) => ({ budget })), false],
    ["food2d", "btl", "useralign", [0, 1, 2, 3, 6, 10, 14].map((budget) => ({ budget })), true],
    // UserAlign-loss replays answered pairs until the step cap: whole runs of replays happen inside
    // one `next()`, which is where a chain must cut in (an ε grid past the cap; budgets mid-run).
    ["sphere64", "consistent", "useralign-loss", [3, 2, 1, 0.5, 0].map((epsilon) => ({ epsilon })), false],
    ["sphere64", "consistent", "useralign-loss", [0, 1, 2, 5, 9, 14, 15, 16, 22, 31, 45].map((budget) => ({ budget })), true],
    ["synthetic2d", "btl", "useralign-loss", [0, 2, 3, 7, 8, 12, 20, 40].map((budget) => ({ budget })), true],
  ];
  it.each(cases)("%s, %s users, %s", async (domain, user, method, patches, fixed) => {
    let replays = 0;
    const ds = createDomain(domain, { questions: 2, candidates: 12 });
    for (let question = 0; question < 2; question++) {
      for (let persona = 0; persona < 2; persona++) {
        const task: Task = { domain, question, persona, user, seed: 5, family: method };
        const theta = ds.personas[persona]!.theta!;
        const features = ds.questions[question]!.candidates.map((c) => c.features);
        const base = { features, method, seed: trajectorySeeds(task).session, maxQuestions: 60, maxSteps: 45 };
        const chained = await runChain(base, patches, await makeUser(task, theta, ds), { features });
        for (let k = 0; k < patches.length; k++) {
          const alone = await runSession({ ...base, ...patches[k] }, await makeUser(task, theta, ds), { features });
          expect(chained[k], `${JSON.stringify(patches[k])}`).toEqual(alone);
        }
        if (fixed && method !== "iidbest") {
          // Fixed-budget mode counts steps (questions + replays); it ends early only when the pool runs out.
          for (let k = 0; k < patches.length; k++) {
            const budget = (patches[k] as { budget: number }).budget;
            expect(
              chained[k]!.reason === "exhausted" ? chained[k]!.steps <= budget : chained[k]!.steps === budget,
              JSON.stringify([budget, chained[k]]),
            ).toBe(true);
          }
        }
        replays += chained.reduce((s, r) => s + r.steps - r.questions, 0);
      }
    }
    if (method === "useralign-loss" && domain === "sphere64") expect(replays).toBeGreaterThan(0);
  });
});
