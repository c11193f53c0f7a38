import { describeConicBackend } from "@useralign/solver-conformance";
import { loadHighsConicSolver } from "../src/index.js";
describeConicBackend(await loadHighsConicSolver());
