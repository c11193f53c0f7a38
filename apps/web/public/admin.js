// The admin page: live win-rate tables and exports. The token stays in sessionStorage and is sent
// as a bearer header (never in a URL, so it does not land in logs or the history).

const KEY = "useralign.admin-token";
const $ = (id) => document.getElementById(id);

async function get(path) {
  const res = await fetch(path, { headers: { authorization: `Bearer ${sessionStorage.getItem(KEY) ?? ""}` } });
  if (res.status === 401) throw Object.assign(new Error("Wrong admin token."), { status: 401 });
  if (!res.ok) throw new Error(`The server answered ${res.status}.`);
  return res;
}

function cell(tag, text, cls) {
  const c = document.createElement(tag);
  c.textContent = text;
  if (cls) c.className = cls;
  return c;
}

function pct(x) {
  return `${(100 * x).toFixed(1)}%`;
}

/** One table per domain: rows method × condition, columns the evaluation labels. */
function renderTables(cells) {
  const tables = $("tables");
  tables.replaceChildren();
  if (cells.length === 0) {
    tables.append(cell("p", "No evaluation answers yet.", "muted"));
    return;
  }
  for (const domain of [...new Set(cells.map((c) => c.domain))]) {
    const mine = cells.filter((c) => c.domain === domain);
    const labels = [...new Set(mine.map((c) => c.label))];
    const rows = [...new Set(mine.map((c) => `${c.method}\u0000${c.condition}`))];
    const table = document.createElement("table");
    table.append(cell("caption", `Domain: ${domain}`));
    const head = document.createElement("tr");
    head.append(cell("th", "method"), cell("th", "condition"), ...labels.map((l) => cell("th", l)));
    table.append(head);
    for (const row of rows) {
      const [method, condition] = row.split("\u0000");
      const tr = document.createElement("tr");
      tr.append(cell("td", method), cell("td", condition));
      for (const label of labels) {
        const c = mine.find((x) => x.method === method && x.condition === condition && x.label === label);
        const text = c ? `${pct(c.mean)} (${c.standardError === null ? "–" : pct(c.standardError)}) n=${c.n}` : "–";
        tr.append(cell("td", text, "num"));
      }
      table.append(tr);
    }
    // A wide table scrolls inside its own box, so the page never overflows a phone's width.
    const wrap = document.createElement("div");
    wrap.className = "table-wrap";
    wrap.append(table);
    tables.append(wrap);
  }
}

async function refresh() {
  try {
    const summary = await (await get("/api/admin/summary")).json();
    $("title").textContent = `Admin — ${summary.title}`;
    $("login").hidden = true;
    $("panel").hidden = false;
    const s = summary.stages;
    $("counts").textContent =
      `${summary.participants} ${summary.participants === 1 ? "participant" : "participants"} (${s.consent} at consent, ${s.question} on the question, ${s.compare} comparing, ${s.evaluate} in the final comparisons, ${s.done} done, ${s.abandoned} abandoned), ${summary.answers} ${summary.answers === 1 ? "answer" : "answers"} stored.`;
    const a = summary.attention;
    $("attention").textContent = a.answered
      ? `Attention checks: ${a.answered} answered, ${a.failed} failed; ${a.excludedParticipants} participants excluded from the tables.`
      : "";
    renderTables(summary.winRates);
    $("updated").textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } catch (e) {
    if (e.status === 401) {
      sessionStorage.removeItem(KEY);
      $("login").hidden = false;
      $("panel").hidden = true;
    }
    const notice = $("notice");
    notice.textContent = e.message;
    notice.hidden = false;
  }
}

async function download(name) {
  const blob = await (await get(`/api/admin/${name}`)).blob();
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}

async function verify(event) {
  event.preventDefault();
  const code = $("code").value.trim();
  const result = await (await get(`/api/admin/verify?code=${encodeURIComponent(code)}`)).json();
  $("verified").textContent = result.valid
    ? `Valid: participant ${result.participantId} finished the study.`
    : "Not a code this study issued.";
}

$("login").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem(KEY, $("token").value);
  $("notice").hidden = true;
  void refresh();
});
$("csv").addEventListener("click", () => void download("answers.csv"));
$("json").addEventListener("click", () => void download("answers.json"));
$("participants-csv").addEventListener("click", () => void download("participants.csv"));
$("verify").addEventListener("submit", (event) => void verify(event).catch((e) => ($("verified").textContent = e.message)));

// A link of the form /admin#token=… logs straight in (the fragment never reaches the server).
const fromHash = new URLSearchParams(location.hash.slice(1)).get("token");
if (fromHash) {
  sessionStorage.setItem(KEY, fromHash);
  history.replaceState(null, "", location.pathname);
}
if (sessionStorage.getItem(KEY)) void refresh();
setInterval(() => {
  if (sessionStorage.getItem(KEY) && !$("panel").hidden) void refresh();
}, 5000);
