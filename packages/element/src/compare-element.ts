import type { SessionController } from "./session-controller.js";

/** The event a `<useralign-compare>` dispatches when the person picks: `detail.slot` 0 (first) or 1. */
export type CompareChooseEvent = CustomEvent<{ slot: 0 | 1 }>;

/** The element's API (beyond HTMLElement): the two texts, and whether it takes input. */
export interface CompareElement extends HTMLElement {
  first: string;
  second: string;
  disabled: boolean;
}

const STYLE = `
:host { display: block; font: inherit; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
button { font: inherit; text-align: start; padding: 1rem; border: 2px solid #8884; border-radius: .5rem; background: none; color: inherit; cursor: pointer; }
button:hover:not(:disabled), button:focus-visible { border-color: currentColor; }
button:disabled { opacity: .5; cursor: default; }
.key { display: block; font-size: .8em; opacity: .7; margin-bottom: .25rem; }
`;

let shared: CSSStyleSheet | undefined;
function sheet(): CSSStyleSheet {
  if (!shared) {
    shared = new CSSStyleSheet();
    shared.replaceSync(STYLE);
  }
  return shared;
}

/**
 * Registers `<useralign-compare>` (or `tag`): two buttons side by side with the texts of
 * `first` / `second` (properties or attributes); clicking one, or pressing 1 / 2 while it has
 * focus, dispatches `useralign-choose` ({@link CompareChooseEvent}). Idempotent; returns the class.
 * Browser only (it extends `HTMLElement`), so call it from page code, not at import time.
 */
export function defineCompareElement(
  tag = "useralign-compare",
  registry: CustomElementRegistry = customElements,
): CustomElementConstructor {
  const existing = registry.get(tag);
  if (existing) return existing;

  class UserAlignCompare extends HTMLElement implements CompareElement {
    static observedAttributes = ["first", "second", "disabled"];
    readonly #buttons: [HTMLButtonElement, HTMLButtonElement];
    readonly #texts: [HTMLSpanElement, HTMLSpanElement];

    constructor() {
      super();
      const root = this.attachShadow({ mode: "open" });
      // A constructed style sheet, not a <style> tag: pages with a strict Content-Security-Policy
      // (no 'unsafe-inline' styles) would block the tag.
      root.adoptedStyleSheets = [sheet()];
      const pair = document.createElement("div");
      pair.className = "pair";
      pair.part.add("pair");
      root.append(pair);
      const make = (slot: 0 | 1): [HTMLButtonElement, HTMLSpanElement] => {
        const button = document.createElement("button");
        button.type = "button";
        button.part.add("option");
        button.dataset["slot"] = String(slot);
        const key = document.createElement("span");
        key.className = "key";
        key.textContent = `[${slot + 1}]`;
        const text = document.createElement("span");
        button.append(key, text);
        button.addEventListener("click", () => this.#choose(slot));
        pair.append(button);
        return [button, text];
      };
      const [a, aText] = make(0);
      const [b, bText] = make(1);
      this.#buttons = [a, b];
      this.#texts = [aText, bText];
      this.addEventListener("keydown", (e) => {
        if (e.key === "1" || e.key === "2") this.#choose(e.key === "1" ? 0 : 1);
      });
    }

    attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
      if (name === "first") this.#texts[0].textContent = value ?? "";
      else if (name === "second") this.#texts[1].textContent = value ?? "";
      else for (const button of this.#buttons) button.disabled = value !== null;
    }

    get first(): string {
      return this.getAttribute("first") ?? "";
    }
    set first(text: string) {
      this.setAttribute("first", text);
    }
    get second(): string {
      return this.getAttribute("second") ?? "";
    }
    set second(text: string) {
      this.setAttribute("second", text);
    }
    get disabled(): boolean {
      return this.hasAttribute("disabled");
    }
    set disabled(value: boolean) {
      this.toggleAttribute("disabled", value);
    }

    #choose(slot: 0 | 1): void {
      if (this.disabled) return;
      this.dispatchEvent(new CustomEvent("useralign-choose", { detail: { slot }, bubbles: true, composed: true }));
    }
  }
  registry.define(tag, UserAlignCompare);
  return UserAlignCompare;
}

/**
 * Wires a `<useralign-compare>` to a {@link SessionController}: shows the pending pair's texts
 * (`texts[i]` is candidate i's text) and answers with the candidate the person picked. Returns
 * the function that unwires it.
 */
export function bindCompareElement(element: CompareElement, controller: SessionController, texts: readonly string[]): () => void {
  const render = () => {
    const state = controller.getState();
    element.disabled = state.status !== "question";
    if (state.status === "question") {
      element.first = texts[state.view.pair[0]] ?? "";
      element.second = texts[state.view.pair[1]] ?? "";
    }
  };
  const onChoose = (event: Event) => {
    const state = controller.getState();
    if (state.status === "question") void controller.answer(state.view.pair[(event as CompareChooseEvent).detail.slot]);
  };
  element.addEventListener("useralign-choose", onChoose);
  const unsubscribe = controller.subscribe(render);
  render();
  return () => {
    unsubscribe();
    element.removeEventListener("useralign-choose", onChoose);
  };
}
