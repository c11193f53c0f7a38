#!/usr/bin/env node
// CPU cost of the study service alone (no HTTP): 40 participants answered one after another on an
// in-memory SQLite store. Prints milliseconds of wall and CPU time per answer.
//   pnpm --filter @useralign/web build && node apps/web/scripts/service-cost.mjs
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { createSqliteStore, loadStudy, StudyService } from "../dist/index.js";

const studyPath = fileURLToPath(new URL("../../../examples/study.json", import.meta.url));
const study = await loadStudy(studyPath, { readFile: (p) => readFile(p, "utf8") });
const service = new StudyService({ study, store: createSqliteStore({ path: ":memory:" }) });
let answers = 0;
const wall = performance.now();
const cpu = process.cpuUsage();
for (let k = 0; k < 40; k++) {
  let view = await service.start((await service.createParticipant()).participantId);
  while (view.stage === "compare" || view.stage === "evaluate") {
    const body = { answerId: `answer-${k}-${answers}`, stage: view.stage, step: view.progress.step, choice: answers % 2 ? "a" : "b" };
    view = (await service.answer(view.participantId, body)).view;
    answers++;
  }
}
const used = process.cpuUsage(cpu);
const round = (x) => Math.round(x * 100) / 100;
console.log(
  JSON.stringify({
    answers,
    wallMsPerAnswer: round((performance.now() - wall) / answers),
    cpuMsPerAnswer: round((used.user + used.system) / 1000 / answers),
  }),
);
