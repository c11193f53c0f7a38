import { UserAlignError } from "@useralign/core";
import type { Dataset } from "../dataset-file.js";
import { food2d } from "./food2d.js";
import { sphereDomain } from "./sphere.js";
import { synthetic2d } from "./synthetic2d.js";

/** The names of the bundled domains. */
export const DOMAIN_NAMES = ["synthetic2d", "food2d", "sphere64", "sphere512"] as const;
export type DomainName = (typeof DOMAIN_NAMES)[number];

/** Options shared by the generated domains (food2d is hand-made and ignores them). */
export interface DomainOptions {
  /** Questions to generate. @default 10 */
  questions?: number;
  /** Candidates per question. @default 20 (sphere512: 40, as in the paper) */
  candidates?: number;
  /** Users (θ*) to generate. @default 3 */
  personas?: number;
  /** Generator seed. @default one per domain */
  seed?: number;
}

/** Whether `name` is a bundled domain. */
export function isDomainName(name: string): name is DomainName {
  return (DOMAIN_NAMES as readonly string[]).includes(name);
}

/** Builds a bundled domain by name; unknown names are `invalid_input` listing the known ones. */
export function createDomain(name: string, options: DomainOptions = {}): Dataset {
  const picked = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as DomainOptions;
  switch (name) {
    case "synthetic2d":
      return synthetic2d(picked);
    case "food2d":
      return food2d();
    case "sphere64":
      return sphereDomain({ dimension: 64, ...picked });
    case "sphere512":
      return sphereDomain({ dimension: 512, candidates: 40, ...picked });
    default:
      throw new UserAlignError("invalid_input", `Unknown domain "${name}"; the bundled domains are ${DOMAIN_NAMES.join(", ")}.`, [
        { path: ["domain"], message: "unknown" },
      ]);
  }
}
