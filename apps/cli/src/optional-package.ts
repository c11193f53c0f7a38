/** Why a command's optional package could not be loaded, and what to do about it. */
export interface OptionalPackage {
  /** The package the command imports, e.g. `@useralign/web`. */
  specifier: string;
  /** The command that needs it, for the message (`serve`). */
  command: string;
  /** What the user runs to get it, e.g. `npm install @useralign/web`. */
  install: string;
}

/** Thrown when a command's optional package is not installed; the message names the fix. */
export class MissingPackageError extends Error {
  override readonly name = "MissingPackageError";
  constructor(
    readonly pkg: OptionalPackage,
    options?: ErrorOptions,
  ) {
    super(`"useralign ${pkg.command}" needs ${pkg.specifier}, which is not installed. ${pkg.install}`, options);
  }
}

// Only "this very package is missing" becomes the install hint; a missing package *inside* it, or any
// other failure while loading it, is a real fault and is rethrown as it is.
function isMissing(error: unknown, specifier: string): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return (
    (e?.code === "ERR_MODULE_NOT_FOUND" || e?.code === "MODULE_NOT_FOUND") &&
    typeof e.message === "string" &&
    (e.message.includes(`'${specifier}'`) || e.message.includes(`"${specifier}"`))
  );
}

/**
 * Imports a package that only some commands need (the web server with its native SQLite driver, the
 * benchmarks), so the CLI installs and runs its other commands without it. A package that is not
 * installed becomes a {@link MissingPackageError} naming what to install.
 */
export async function importOptional<T>(
  pkg: OptionalPackage,
  load: (specifier: string) => Promise<unknown> = (s) => import(s),
): Promise<T> {
  try {
    return (await load(pkg.specifier)) as T;
  } catch (error) {
    if (isMissing(error, pkg.specifier)) throw new MissingPackageError(pkg, { cause: error });
    throw error;
  }
}
