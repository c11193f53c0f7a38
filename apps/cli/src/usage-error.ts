/**
 * A command line that cannot be run as typed: unknown flag, missing or malformed value. `run()`
 * prints it with a pointer to `--help` and exits 2.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  constructor(
    message: string,
    /** The command whose `--help` to point at. */
    readonly command?: string,
  ) {
    super(message);
  }
}
