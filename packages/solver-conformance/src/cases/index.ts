import type { CaseFamily, ConicCase } from "../case.js";
import { awkwardCases } from "./awkward.js";
import { expCases } from "./exp.js";
import { lpCases } from "./lp.js";
import { mixedCases } from "./mixed.js";
import { qpCases } from "./qp.js";
import { socpCases } from "./socp.js";

/** Every case of the suite, grouped by family in the order LP, QP, SOCP, exp, mixed, awkward. */
export const conicCases: readonly ConicCase[] = [...lpCases, ...qpCases, ...socpCases, ...expCases, ...mixedCases, ...awkwardCases];

/** The cases of one family. */
export function casesOf(family: CaseFamily): ConicCase[] {
  return conicCases.filter((c) => c.family === family);
}
