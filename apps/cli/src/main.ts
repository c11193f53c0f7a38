#!/usr/bin/env node
import { createProcessIo } from "./io.js";
import { run } from "./run.js";

// exitCode rather than process.exit(): pending stdout writes to a pipe still get flushed.
process.exitCode = await run(process.argv.slice(2), createProcessIo());
