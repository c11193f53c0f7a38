import { createHash } from "node:crypto";
import type { Study } from "./load-study.js";

/**
 * What a participant's stored record depends on: the indices in an assignment, the candidates in
 * the answers, the session's features, the stage-3 plan. Title, intro, consent and completion
 * texts are left out: changing them strands nobody.
 */
export type StudyContent = ReturnType<typeof studyContent>;

/** The parts of a study that participants' records refer to, as plain JSON. */
export function studyContent(study: Study) {
  return {
    seed: study.seed,
    methods: study.methods,
    conditions: study.conditions,
    domains: study.domains.map((d) => ({
      name: d.name,
      kind: d.kind,
      budget: d.budget,
      evaluationSteps: d.evaluationSteps,
      attentionChecks: d.attentionChecks,
      pools: d.pools.map((p) => ({
        question: p.question,
        baseline: { text: p.baseline.text, image: imageVersion(study, p.baseline.image) },
        candidates: p.candidates.map((c) => ({ id: c.id, text: c.text, image: imageVersion(study, c.image) })),
        features: p.features,
        personas: (p.personas ?? []).map((q) => ({ name: q.name, description: q.description ?? null })),
      })),
    })),
  };
}

const imageVersion = (study: Study, url: string | undefined) => (url === undefined ? null : (study.mediaHashes.get(url) ?? url));

/** A study's version: the sha256 of its content (16 hex digits), and the content itself. */
export function studyVersion(study: Study): { hash: string; content: StudyContent } {
  const content = studyContent(study);
  return { hash: createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 16), content };
}

const show = (v: unknown) => JSON.stringify(v);
const LIMIT = 12;

/**
 * What changed between two versions, one line per change, e.g. `domains[0]: was "first", now
 * "second"` or `domains[1].pools[0].candidates: removed "c"`. A renamed or moved domain is named
 * once, not followed by every difference inside it.
 */
export function describeChanges(before: StudyContent, after: StudyContent): string[] {
  const lines: string[] = [];
  for (const key of ["seed", "methods", "conditions"] as const) {
    if (show(before[key]) !== show(after[key])) lines.push(`${key}: was ${show(before[key])}, now ${show(after[key])}`);
  }
  if (before.domains.length !== after.domains.length) lines.push(`domains: was ${before.domains.length}, now ${after.domains.length}`);
  before.domains.forEach((d, i) => {
    const now = after.domains[i];
    if (!now) return void lines.push(`domains[${i}]: "${d.name}" was removed`);
    if (d.name !== now.name) return void lines.push(`domains[${i}]: was ${show(d.name)}, now ${show(now.name)}`);
    for (const key of ["kind", "budget", "evaluationSteps", "attentionChecks"] as const) {
      if (show(d[key]) !== show(now[key])) lines.push(`domains[${i}].${key}: was ${show(d[key])}, now ${show(now[key])}`);
    }
    if (d.pools.length !== now.pools.length) lines.push(`domains[${i}]: ${d.pools.length} questions, now ${now.pools.length}`);
    d.pools.forEach((p, j) => {
      const q = now.pools[j];
      if (!q) return;
      const where = `domains[${i}].pools[${j}]`;
      if (p.question !== q.question) lines.push(`${where}.question: was ${show(p.question)}, now ${show(q.question)}`);
      const ids = p.candidates.map((c) => c.id);
      const nowIds = q.candidates.map((c) => c.id);
      const removed = ids.filter((id) => !nowIds.includes(id));
      const added = nowIds.filter((id) => !ids.includes(id));
      if (removed.length) lines.push(`${where}.candidates: removed ${removed.map(show).join(", ")}`);
      if (added.length) lines.push(`${where}.candidates: added ${added.map(show).join(", ")}`);
      if (!removed.length && !added.length && show(ids) !== show(nowIds)) lines.push(`${where}.candidates: reordered`);
      for (const key of ["baseline", "candidates", "features", "personas"] as const) {
        if (key === "candidates" && (removed.length || added.length || show(ids) !== show(nowIds))) continue;
        if (show(p[key]) !== show(q[key])) lines.push(`${where}.${key}: changed`);
      }
    });
  });
  if (lines.length > LIMIT) return [...lines.slice(0, LIMIT), `… and ${lines.length - LIMIT} more`];
  return lines;
}
