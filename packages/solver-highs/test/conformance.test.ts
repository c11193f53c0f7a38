import { describeConicBackend } from "@useralign/solver-conformance";
import { loadHighsConicSolver } from "../src/index.js";
// No known failures: the adapter certifies HiGHS's verdicts against the unregularized data, so the
// unbounded QPs HiGHS's QP solver calls optimal come back dual_infeasible with a checked ray.
describeConicBackend(await loadHighsConicSolver());
