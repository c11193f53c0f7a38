/** The first ```ts block of a README: the example a reader copies first. */
export function readmeExample(markdown: string): string | undefined {
  return /```ts\n([\s\S]*?)```/.exec(markdown)?.[1];
}

const IMPORT = /^import\s+(?:(\*\s+as\s+\w+)|\{([^}]*)\})\s+from\s+("[^"]+");?\s*$/gm;

/**
 * The same program as CommonJS: `import { a, b as c } from "x"` becomes
 * `const { a, b: c } = require("x")` and the rest runs in an async function (CommonJS has no
 * top-level await). Takes JavaScript (types already stripped) with named or namespace imports only.
 */
export function toCommonJs(esm: string): string {
  const requires: string[] = [];
  const body = esm.replace(IMPORT, (_, namespace: string | undefined, names: string | undefined, specifier: string) => {
    if (namespace) requires.push(`const ${namespace.replace(/^\*\s+as\s+/, "")} = require(${specifier});`);
    else
      requires.push(
        `const { ${names!
          .split(",")
          .map((n) => n.trim())
          .filter(Boolean)
          .map((n) => n.replace(/\s+as\s+/, ": "))
          .join(", ")} } = require(${specifier});`,
      );
    return "";
  });
  if (/^\s*(import|export)\s/m.test(body)) throw new Error(`toCommonJs: an import or export form it does not handle:\n${body}`);
  return `"use strict";\n${requires.join("\n")}\n(async () => {\n${body}\n})().catch((e) => { console.error(e); process.exitCode = 1; });\n`;
}
