// A study server in its own process, for the multi-process tests: prints {"url": …} once listening
// and stops on SIGTERM. Runs the built package (dist/): `pnpm build` first.
//   node test/serve-process.mjs STUDY DATABASE
import { startStudyServer } from "../dist/index.js";

const [study, database] = process.argv.slice(2);
const running = await startStudyServer({ study, database, port: 0, adminToken: "multi", log: (line) => process.stderr.write(`${line}\n`) });
process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
process.on("SIGTERM", () => void running.close().then(() => process.exit(0)));
