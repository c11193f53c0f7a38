import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { loadStudy, type Study } from "../src/load-study.js";

/** The bundled demo study (examples/study.json: the dinner text pool and the poster image pool). */
export const DEMO_STUDY = fileURLToPath(new URL("../../../examples/study.json", import.meta.url));

/** Folder for screenshots and reports (gitignored). */
export const OUTPUT_DIR = fileURLToPath(new URL("../test-output/", import.meta.url));

export function loadDemoStudy(): Promise<Study> {
  return loadStudy(DEMO_STUDY, { readFile: (p) => readFile(p, "utf8") });
}

/** A JSON API client for one server. */
export function client(base: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    // Every POST is JSON (the server refuses anything else); a GET has no body.
    const payload = body ?? (method === "POST" ? {} : undefined);
    const res = await fetch(base + path, {
      method,
      ...(payload === undefined
        ? {}
        : { headers: { "content-type": "application/json" }, body: typeof payload === "string" ? payload : JSON.stringify(payload) }),
    });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, body: json };
  };
  return {
    get: (path: string) => call("GET", path),
    post: (path: string, body?: unknown) => call("POST", path, body),
  };
}

type Client = ReturnType<typeof client>;

/** Answers every screen of one participant with `pick` until done; returns the views seen. */
export async function completeParticipant(
  api: Client,
  pick: (view: any) => "a" | "b" = () => "a",
  id?: string,
): Promise<{ id: string; views: any[] }> {
  const views: any[] = [];
  let view = id ? (await api.get(`/api/participants/${id}`)).body : (await api.post("/api/participants")).body;
  views.push(view);
  if (view.stage === "consent") {
    view = (await api.post(`/api/participants/${view.participantId}/consent`, { accept: true })).body;
    views.push(view);
  }
  if (view.stage === "question") {
    view = (await api.post(`/api/participants/${view.participantId}/start`)).body;
    views.push(view);
  }
  while (view.stage === "compare" || view.stage === "evaluate") {
    const res = await api.post(`/api/participants/${view.participantId}/answers`, {
      answerId: `${view.participantId}-${view.stage}-${view.progress.step}`,
      stage: view.stage,
      step: view.progress.step,
      choice: pick(view),
    });
    if (res.status !== 201) throw new Error(`answer failed: ${res.status} ${JSON.stringify(res.body)}`);
    view = res.body.view;
    views.push(view);
  }
  return { id: view.participantId, views };
}

/**
 * The progress line's text, or "gone" when the screen has none, read in one step in the page.
 * Counting `.progress` and then reading its text raced the next screen: when the element went in
 * between, the read waited Playwright's 30 s default before the poll could try again.
 */
export function progressOrGone(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector(".progress > span")?.textContent ?? "gone");
}
