// The participant page: renders the screen the server says is current, and sends answers.
// The server is the only source of truth; this page keeps just the participant id (localStorage).

const STORAGE_KEY = "useralign.participant";
const app = document.getElementById("app");
const notice = document.getElementById("notice");
const status = document.getElementById("status");

/** @type {{ view: any, selected: "a" | "b" | null, answerId: string | null, busy: boolean, shownAt: number }} */
const ui = { view: null, selected: null, answerId: null, busy: false, shownAt: 0 };

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

/** Replaces the page content; null entries (optional parts) are left out. */
function show(...nodes) {
  app.replaceChildren(...nodes.filter((n) => n !== null && n !== undefined));
}

// crypto.randomUUID needs a secure context; getRandomValues works on plain http too.
function newAnswerId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** An error whose message is a whole sentence meant for the participant. */
function failure(message, status, reason) {
  return Object.assign(new Error(message), { status, reason });
}

// Every POST is JSON (the server refuses other content types, which keeps cross-site forms out).
async function api(method, path, body) {
  let res;
  try {
    res = await fetch(
      path,
      method === "POST" ? { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) } : { method },
    );
  } catch {
    // The browser's own text ("Failed to fetch", "NetworkError when…") means nothing to a participant.
    throw failure("We could not reach the server. Check your internet connection.", 0, "network");
  }
  const data = await res.json().catch(() => null);
  if (!res.ok)
    throw failure(
      data?.error?.message ?? `The server could not handle this request (error ${res.status}).`,
      res.status,
      data?.error?.reason,
    );
  if (data === null) throw failure("The server sent an answer this page cannot read.", res.status, "bad_response");
  return data;
}

/** Shows one or more sentences in the notice bar (each kept whole, never glued into another). */
function showNotice(...sentences) {
  const message = sentences.filter(Boolean).join(" ");
  notice.textContent = message;
  notice.hidden = false;
  clearTimeout(showNotice.timer);
  showNotice.timer = setTimeout(() => (notice.hidden = true), 6000);
}

function screenKey(view) {
  return view ? `${view.stage}:${view.progress ? view.progress.step : 0}` : "landing";
}

function setView(view) {
  const changed = screenKey(view) !== screenKey(ui.view);
  ui.view = view;
  if (changed) {
    ui.selected = null;
    ui.answerId = newAnswerId();
    ui.shownAt = performance.now();
    // One history entry per screen, so Back stays in the study (and then re-shows the current screen).
    history.pushState({ screen: screenKey(view) }, "");
  }
  render();
  if (changed) {
    // Screen readers hear one short line per new screen rather than the whole page again.
    status.textContent = describe(view);
    app.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
}

function describe(view) {
  if (view.stage === "consent") return "Consent.";
  if (view.stage === "question") return "Part 1 of 3: the question.";
  if (view.stage === "done") return "Done. Thank you!";
  const part = view.stage === "compare" ? "Comparison" : "Final comparison";
  return `${part} ${view.progress.step} of ${view.progress.of}: choose option 1 or option 2.`;
}

function personaCard(view, compact) {
  if (!view.persona) return null;
  return el(
    "aside",
    { class: "persona", "aria-label": "Your persona" },
    el("strong", {}, `Answer as: ${view.persona.name}`),
    compact ? null : el("p", {}, "Imagine you are this person, and answer every question the way they would."),
    view.persona.description ? el("span", {}, view.persona.description) : null,
  );
}

function progress(view, label) {
  const { step, of } = view.progress;
  const bar = el("span", {});
  bar.style.width = `${Math.round(((step - 1) / of) * 100)}%`;
  return el(
    "div",
    { class: "progress" },
    el("span", {}, `${label} ${step} of ${of}`),
    el("div", { class: "bar", role: "presentation" }, bar),
  );
}

function optionButton(option, index) {
  const pressed = ui.selected === option.key;
  return el(
    "button",
    {
      type: "button",
      class: "option",
      "aria-pressed": pressed ? "true" : "false",
      "data-key": option.key,
      onclick: () => select(option.key),
      ondblclick: () => confirm(),
      // Enter or Space on a focused option chooses that option (never the one chosen before);
      // Enter on the option already chosen confirms it.
      onkeydown: (event) => {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        event.stopPropagation();
        if (event.key === "Enter" && ui.selected === option.key) void confirm();
        else select(option.key);
      },
    },
    el("span", { class: "key" }, `Option ${index + 1}`),
    option.image ? el("img", { src: option.image, alt: option.text }) : null,
    option.image ? el("span", { class: "muted" }, option.text) : el("span", {}, option.text),
  );
}

function choiceScreen(view, heading, label) {
  const kind = view.options.some((o) => o.image) ? "options options-image" : "options";
  return [
    progress(view, label),
    el("h1", {}, heading),
    el("p", { class: "question" }, view.question),
    personaCard(view, true),
    el("div", { class: kind, role: "group", "aria-label": "The two options" }, view.options.map(optionButton)),
    el(
      "div",
      { class: "actions sticky" },
      el(
        "button",
        { type: "button", class: "primary", id: "confirm", disabled: !ui.selected || ui.busy, onclick: () => confirm() },
        ui.busy ? "Saving…" : "Confirm",
      ),
      el(
        "span",
        { class: "hint" },
        "Keys: ",
        el("kbd", {}, "←"),
        " ",
        el("kbd", {}, "→"),
        " or ",
        el("kbd", {}, "1"),
        " ",
        el("kbd", {}, "2"),
        " to choose, ",
        el("kbd", {}, "Enter"),
        " to confirm.",
      ),
    ),
  ];
}

async function landing() {
  const study = await api("GET", "/api/study");
  document.title = study.title;
  show(
    el("h1", {}, study.title),
    el("p", { class: "intro" }, study.intro),
    el("h2", {}, "How it works"),
    el(
      "ol",
      {},
      el("li", {}, "You see a question someone asked an AI system (and, for some people, a persona to play)."),
      el("li", {}, "You pick the better of two answers, a few times in a row."),
      el("li", {}, "You compare a few more answers with a standard one. That's it."),
    ),
    el("p", { class: "muted" }, "Your progress is saved as you go: you can reload this page at any time."),
    el("div", { class: "actions" }, el("button", { type: "button", class: "primary", id: "begin", onclick: begin }, "Begin")),
  );
}

/** The URL parameters the page was opened with (the server keeps its allow-list, e.g. PROLIFIC_PID). */
function urlParams() {
  return Object.fromEntries(new URLSearchParams(location.search));
}

async function begin(event) {
  event.target.disabled = true;
  try {
    const view = await api("POST", "/api/participants", { params: urlParams() });
    localStorage.setItem(STORAGE_KEY, view.participantId);
    setView(view);
  } catch (e) {
    event.target.disabled = false;
    showNotice(e.message);
  }
}

function render() {
  const view = ui.view;
  if (!view) return;
  if (view.stage === "consent") {
    show(
      el("h1", {}, "Before you start"),
      el("div", { class: "intro consent", id: "consent-text" }, view.consent),
      el(
        "label",
        { class: "consent-check" },
        el("input", {
          type: "checkbox",
          id: "consent-box",
          onchange: (e) => (document.getElementById("consent-accept").disabled = !e.target.checked || ui.busy),
        }),
        " I have read the above and agree to take part.",
      ),
      el(
        "div",
        { class: "actions" },
        el(
          "button",
          { type: "button", class: "primary", id: "consent-accept", disabled: true, onclick: acceptConsent },
          "I agree, continue",
        ),
      ),
    );
  } else if (view.stage === "question") {
    show(
      el("p", { class: "muted" }, "Part 1 of 3"),
      el("h1", {}, "The question"),
      el("p", { class: "question" }, view.question),
      personaCard(view, false),
      el(
        "p",
        {},
        `Next you will see ${view.budget} pairs of answers to this question. Each time, choose the one ${view.persona ? "this person" : "you"} would prefer.`,
      ),
      el(
        "div",
        { class: "actions" },
        el("button", { type: "button", class: "primary", id: "start", disabled: ui.busy, onclick: start }, "Start comparing"),
      ),
    );
  } else if (view.stage === "compare") {
    show(
      el("p", { class: "muted" }, "Part 2 of 3: comparisons"),
      ...choiceScreen(view, `Which answer ${view.persona ? "would this person" : "do you"} prefer?`, "Step"),
    );
  } else if (view.stage === "evaluate") {
    show(
      el("p", { class: "muted" }, "Part 3 of 3: final comparisons"),
      ...choiceScreen(view, `Which answer ${view.persona ? "would this person" : "do you"} prefer?`, "Comparison"),
    );
  } else {
    show(
      el("h1", {}, "Thank you!"),
      el(
        "p",
        {},
        view.redirectUrl
          ? "Your answers are saved. Taking you back to the study platform…"
          : "Your answers are saved. You can close this page.",
      ),
      view.outro ? el("p", { class: "intro" }, view.outro) : null,
      el("p", {}, "Your completion code:"),
      el("p", { class: "code", id: "completion-code" }, view.completionCode),
      view.redirectUrl ? el("p", {}, el("a", { href: view.redirectUrl, id: "redirect-link" }, "Continue to the study platform")) : null,
    );
    if (view.redirectUrl) {
      localStorage.removeItem(STORAGE_KEY);
      setTimeout(() => location.assign(view.redirectUrl), 1500);
    }
  }
}

async function acceptConsent() {
  if (ui.busy) return;
  ui.busy = true;
  try {
    const view = await api("POST", `/api/participants/${ui.view.participantId}/consent`, { accept: true });
    ui.busy = false;
    setView(view);
  } catch (e) {
    ui.busy = false;
    render();
    showNotice(e.message);
  }
}

function select(key) {
  if (ui.busy) return;
  ui.selected = key;
  render();
  app.querySelector(`[data-key="${key}"]`)?.focus();
}

async function start() {
  if (ui.busy) return;
  ui.busy = true;
  render();
  try {
    const view = await api("POST", `/api/participants/${ui.view.participantId}/start`);
    ui.busy = false;
    setView(view);
  } catch (e) {
    ui.busy = false;
    render();
    showNotice(e.message);
  }
}

async function confirm() {
  const view = ui.view;
  if (ui.busy || !ui.selected || !view || !view.progress) return;
  ui.busy = true;
  render();
  const body = {
    answerId: ui.answerId,
    stage: view.stage,
    step: view.progress.step,
    choice: ui.selected,
    responseMs: Math.round(performance.now() - ui.shownAt),
  };
  try {
    const result = await api("POST", `/api/participants/${view.participantId}/answers`, body);
    ui.busy = false;
    setView(result.view);
  } catch (e) {
    ui.busy = false;
    if (e.reason === "not_pending") {
      // Answered elsewhere (another tab, a replayed request): show where the session really is.
      showNotice(e.message);
      await resume(view.participantId);
    } else {
      render();
      showNotice(e.message, "Your choice is still selected: press Confirm to try again.");
    }
  }
}

async function resume(id) {
  try {
    setView(await api("GET", `/api/participants/${id}`));
    return true;
  } catch (e) {
    if (e.status === 404) {
      localStorage.removeItem(STORAGE_KEY);
      return false;
    }
    throw e;
  }
}

document.addEventListener("keydown", (event) => {
  const view = ui.view;
  if (!view || event.altKey || event.ctrlKey || event.metaKey) return;
  if (view.stage === "question" && event.key === "Enter" && event.target === app) return void start();
  if (!view.options) return;
  const map = { ArrowLeft: "a", ArrowUp: "a", 1: "a", ArrowRight: "b", ArrowDown: "b", 2: "b" };
  // Enter on a focused button (an option, Confirm) belongs to that button, not to the shortcut.
  const onButton = event.target instanceof Element && event.target.closest("button");
  if (event.key in map) {
    event.preventDefault();
    select(map[event.key]);
  } else if (event.key === "Enter" && ui.selected && !onButton) {
    event.preventDefault();
    void confirm();
  }
});

window.addEventListener("popstate", () => {
  // Back/forward inside the study: stay on the current screen (answers cannot be taken back).
  const id = localStorage.getItem(STORAGE_KEY);
  if (!id) return;
  history.pushState({ screen: screenKey(ui.view) }, "");
  void resume(id).catch((e) => showNotice(e.message));
});

(async () => {
  try {
    const id = localStorage.getItem(STORAGE_KEY);
    if (id && (await resume(id))) return;
    await landing();
  } catch (e) {
    show(
      el("h1", {}, "Something went wrong"),
      el("p", {}, e.message),
      el("button", { type: "button", class: "primary", onclick: () => location.reload() }, "Reload"),
    );
  }
})();
