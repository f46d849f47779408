// End-to-end tests of the explorer in a real browser: Debian's Chromium
// driven by playwright-core (no browser download), against a running
// `diplograph serve` over the curated fixtures.
//
// The Go test e2e/e2e_test.go starts the server and a second one on another
// origin, then runs this script with:
//
//   DIPLOGRAPH_E2E_BASE         the explorer, e.g. http://127.0.0.1:40123
//   DIPLOGRAPH_E2E_OTHER        a page on another origin that frames an embed
//   DIPLOGRAPH_E2E_SCREENSHOTS  optional: a folder to write screenshots to
//   CHROMIUM                    optional: the browser (default /usr/bin/chromium)
//
// It prints one line per test and ends with "N passed, M failed"; it exits
// non-zero when a test fails.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const base = process.env.DIPLOGRAPH_E2E_BASE;
const other = process.env.DIPLOGRAPH_E2E_OTHER;
const shots = process.env.DIPLOGRAPH_E2E_SCREENSHOTS;
if (!base || !other) {
  console.error("run.mjs: set DIPLOGRAPH_E2E_BASE and DIPLOGRAPH_E2E_OTHER (the Go test e2e/e2e_test.go does)");
  process.exit(2);
}
if (shots) mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

// Every request any page makes, and every console error or CSP violation.
const requests = [];
const problems = [];

async function newPage(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, serviceWorkers: "block" });
  context.on("request", (r) => requests.push(r.url()));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // The other origin's page frames the explorer on purpose, to see it refused.
    if (page.url().startsWith(other) && m.text().includes("frame-ancestors 'none'")) return;
    problems.push(`${page.url()}: console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${page.url()}: uncaught: ${e.message}`));
  return page;
}

async function screenshot(page, name, opts = {}) {
  if (shots) await page.screenshot({ path: join(shots, name), ...opts });
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

function eq(got, want, what) {
  assert(JSON.stringify(got) === JSON.stringify(want), `${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

// ---------------------------------------------------------------- search

test("search as you type finds Zelenskiy by 'Zelensky', and the keyboard opens him", async () => {
  const page = await newPage();
  await page.goto(`${base}/`);
  const box = page.locator("header input[role=combobox]");
  await box.focus();
  await box.pressSequentially("Zelensky", { delay: 20 });
  const option = page.locator("header [role=option]").filter({ hasText: "Volodymyr Zelenskiy" });
  await option.first().waitFor();
  const text = await option.first().textContent();
  assert(text.includes("also known as Zelensky"), `the hit does not say which alias matched: ${text}`);
  await screenshot(page, "explorer-search.png");
  await box.press("ArrowDown");
  eq(await box.getAttribute("aria-expanded"), "true", "combobox expanded");
  assert((await box.getAttribute("aria-activedescendant")) !== null, "no active option after ArrowDown");
  await box.press("Enter");
  await page.waitForURL(`${base}/actor/zelenskiy`);
  await page.locator("h1", { hasText: "Volodymyr Zelenskiy" }).waitFor();
  await page.context().close();
});

test("the search page lists actors, events and plan points", async () => {
  const page = await newPage();
  await page.goto(`${base}/search?q=Crimea`);
  await page.locator(".search-result").first().waitFor();
  const kinds = await page.locator(".search-result .hit-kind").allTextContents();
  assert(kinds.includes("Plan point"), `no plan point among ${kinds}`);
  await page.locator(".search-result", { hasText: "Cession of Crimea" }).click();
  await page.waitForURL(/\/plan\/us-russia-ukraine-peace-plan#point-p28-cede-crimea-luhansk-donetsk$/);
  await page.locator("#point-p28-cede-crimea-luhansk-donetsk").waitFor();
  await page.context().close();
});

// ---------------------------------------------------------------- network

async function openNetwork(page, query) {
  await page.goto(`${base}/network?${query}`);
  const canvas = page.locator(".network-canvas");
  await page.waitForFunction(() => {
    const c = document.querySelector(".network-canvas");
    return c && c.dataset.positions && document.querySelector("#edges-table");
  });
  return canvas;
}

test("the network for October-November 2025 shows the Trump-Putin edge with its calls", async () => {
  const page = await newPage({ width: 1280, height: 1150 });
  const canvas = await openNetwork(page, "from=2025-10-01&to=2025-11-30");
  const row = page.locator('#edges-table tr[data-edge="putin--trump"]');
  await row.waitFor();
  eq((await row.locator("td.num").textContent()).trim(), "2", "Trump-Putin weight");
  const events = await row.locator("td").nth(1).textContent();
  for (const title of ["Trump-Putin call of 16 October 2025", "Second Trump-Putin call in October 2025"]) {
    assert(events.includes(title), `the edge lacks "${title}": ${events}`);
  }
  const rows = await page.locator("#edges-table tbody tr").count();
  eq(await canvas.getAttribute("data-edges"), String(rows), "edges drawn vs listed");

  // Click the edge in the drawing: its events are listed.
  const pos = JSON.parse(await canvas.getAttribute("data-positions"));
  const [tx, ty] = pos.trump;
  const [px, py] = pos.putin;
  await canvas.click({ position: { x: (tx + px) / 2, y: (ty + py) / 2 } });
  await page.waitForURL(/edge=putin--trump/);
  const panel = page.locator(".selection");
  await panel.locator("h2", { hasText: "Vladimir Putin – Donald Trump" }).waitFor();
  const listed = await panel.locator(".event-list li").allTextContents();
  eq(listed.length, 2, "events listed for the edge");
  assert(listed.some((t) => t.includes("Trump-Putin call of 16 October 2025")), `panel: ${listed}`);
  await screenshot(page, "explorer-network.png", { fullPage: false });
  await page.context().close();
});

test("clicking an actor expands its neighbourhood; the URL reproduces the view", async () => {
  const page = await newPage();
  // The neighbourhood of Trump alone: Putin.
  const canvas = await openNetwork(page, "from=2025-10-01&to=2025-11-30&actors=trump");
  eq(await canvas.getAttribute("data-nodes"), "2", "nodes around Trump");
  await page.locator(".focus-bar", { hasText: "Donald Trump" }).waitFor();
  // Expanding Putin adds nobody (he met only Trump); expanding from the
  // table works with the keyboard.
  const expand = page.locator('#actors-table tr[data-actor="putin"] button');
  await expand.focus();
  await page.keyboard.press("Enter");
  await page.locator(".selection", { hasText: "already shown" }).waitFor();

  // Widen to the whole network around Witkoff and click him in the drawing.
  const witkoff = await openNetwork(page, "from=2025-10-01&to=2025-11-30&actors=ushakov");
  eq(await witkoff.getAttribute("data-nodes"), "2", "nodes around Ushakov");
  const pos = JSON.parse(await witkoff.getAttribute("data-positions"));
  await witkoff.click({ position: { x: pos.witkoff[0], y: pos.witkoff[1] } });
  await page.waitForURL(/expand=witkoff/);
  await page.waitForFunction(() => Number(document.querySelector(".network-canvas").dataset.nodes) > 2);
  const grown = Number(await witkoff.getAttribute("data-nodes"));
  assert(grown >= 7, `expanding Witkoff drew ${grown} actors, want his neighbours too`);
  await page.locator(".selection h2", { hasText: "Steve Witkoff" }).waitFor();

  // The same URL draws the same view.
  const url = page.url();
  const again = await openNetwork(page, url.split("?")[1]);
  await page.waitForFunction((n) => Number(document.querySelector(".network-canvas").dataset.nodes) === n, grown);
  eq(await again.getAttribute("data-selected"), "witkoff", "selection after reload");
  await page.context().close();
});

test("the type filter and the date range narrow the network, and are kept in the URL", async () => {
  const page = await newPage();
  const canvas = await openNetwork(page, "from=2025-10-01&to=2025-11-30");
  await page.locator(".chip", { hasText: "Phone calls" }).locator("input").check();
  await page.waitForURL(/types=phone_call/);
  await page.waitForFunction(() => document.querySelector(".network-canvas").dataset.edges === "1");
  eq(await page.locator("#edges-table tbody tr").count(), 1, "links with phone calls only");
  // The sliders move by day with the keyboard.
  const first = page.locator(".dual-range input").first();
  await first.focus();
  await page.keyboard.press("End");
  await page.waitForURL(/from=2025-11-30/);
  await page.waitForFunction(() => document.querySelector(".network-canvas").dataset.edges === "0");
  assert((await canvas.getAttribute("data-nodes")) === "0", "calls after 30 November");
  await page.context().close();
});

test("the shortest path between Driscoll and Dmitriev is highlighted, with its events", async () => {
  const page = await newPage({ width: 1280, height: 1150 });
  const canvas = await openNetwork(page, "from=2025-10-01&to=2025-11-30");
  await page.selectOption("#path-from", "driscoll");
  await page.selectOption("#path-to", "dmitriev");
  await page.getByRole("button", { name: "Show path" }).click();
  await page.waitForURL(/path=driscoll%2Cdmitriev|path=driscoll,dmitriev/);
  await page.locator(".path-steps").first().waitFor();
  const steps = await page.locator(".path-steps").first().locator(".path-actor").allTextContents();
  eq(steps, ["Dan Driscoll", "Steve Witkoff", "Kirill Dmitriev"], "actors along the path");
  const events = await page.locator(".path-steps").first().locator(".path-event").allTextContents();
  assert(events[0].includes("US-Ukrainian talks in Geneva"), `first step: ${events[0]}`);
  const nodes = (await canvas.getAttribute("data-path-nodes")).split(",").sort();
  eq(nodes, ["dmitriev", "driscoll", "witkoff"], "highlighted actors");
  const edges = (await canvas.getAttribute("data-path-edges")).split(",").sort();
  eq(edges, ["dmitriev--witkoff", "driscoll--witkoff"], "highlighted links");
  for (const id of edges) {
    const cls = await page.locator(`#edges-table tr[data-edge="${id}"]`).getAttribute("class");
    assert(cls?.includes("on-path"), `table row ${id} not marked on the path`);
  }
  await screenshot(page, "explorer-path.png", { fullPage: false });
  await page.context().close();
});

// ---------------------------------------------------------------- timeline

test("the timeline draws month-precision events as ranges labelled honestly", async () => {
  const page = await newPage({ width: 1280, height: 1250 });
  await page.goto(`${base}/timeline?from=2025-10-01&to=2025-11-30`);
  await page.locator(".vis-item").first().waitFor();
  const call = page.locator(".vis-item", { hasText: "Second Trump-Putin call in October 2025" }).first();
  assert((await call.getAttribute("class")).includes("vis-range"), "a month-precision call is not drawn as a range");
  assert((await call.textContent()).includes("October 2025"), "the range is not labelled with its month");
  const day = page.locator(".vis-item", { hasText: "Trump-Putin call of 16 October 2025" }).first();
  assert((await day.getAttribute("class")).includes("vis-point"), "a day-precision call is not a point");
  const warnings = page.locator(".vis-item", { hasText: "Driscoll's warnings" }).first();
  assert((await warnings.textContent()).includes("late October 2025"), "a late-October event is not labelled 'late October 2025'");
  // A month's bar is about a month wide: wider than 20 days' worth of axis.
  const box = await call.boundingBox();
  const rangeBox = await page.locator(".vis-item", { hasText: "US-Russian delegation meetings" }).first().boundingBox();
  assert(rangeBox.width > box.width * 1.6, `October-November (${rangeBox.width}px) is not about twice October (${box.width}px)`);
  // The text alternative lists the same events.
  const counted = /^(\d+) events? ·/.exec(await page.locator(".chart-status").textContent());
  assert(counted && Number(counted[1]) >= 14, `status: ${await page.locator(".chart-status").textContent()}`);
  eq(await page.locator(".events-table tbody tr").count(), Number(counted[1]), "events in the table");
  // Group by type, kept in the URL.
  await page.selectOption("#group-by", "type");
  await page.waitForURL(/group=type/);
  await page.locator(".vis-label", { hasText: "Phone calls" }).waitFor();
  await screenshot(page, "explorer-timeline.png", { fullPage: false });
  // Select an event: its card appears.
  await page.locator(".vis-item", { hasText: "Trump-Putin call of 16 October 2025" }).first().click();
  await page.locator(".event-card h3", { hasText: "Trump-Putin call of 16 October 2025" }).waitFor();
  await page.waitForURL(/event=call-2025-10-16-trump-putin/);
  await page.context().close();
});

// ---------------------------------------------------------------- pages

test("the plan view shows the versions in derivation order: 20, 28, then 19", async () => {
  const page = await newPage();
  await page.goto(`${base}/plan`);
  await page.waitForURL(`${base}/plan/us-russia-ukraine-peace-plan`);
  await page.locator(".version").first().waitFor();
  eq(await page.locator(".version .declared-number").allTextContents(), ["20", "28", "19"], "declared points in order");
  const names = await page.locator(".version h2").allTextContents();
  assert(names[1].includes("28") && names[2].includes("19"), `versions: ${names}`);
  const x28 = (await page.locator("#version-plan-28-point").boundingBox()).x;
  const x19 = (await page.locator("#version-plan-19-point").boundingBox()).x;
  assert(x28 < x19, "the 28-point version is not left of the 19-point one");
  // Each party's stance on a point, with its sources.
  const point = page.locator("#point-p28-no-nato");
  const stances = await point.locator(".stance").allTextContents();
  assert(stances.some((s) => s.startsWith("Ukraine") && s.includes("contests")), `stances: ${stances}`);
  await point.locator(".stance summary").first().click();
  await point.locator(".stance .citation blockquote").first().waitFor();
  await page.locator(".diff", { hasText: "28 → 19 points declared" }).waitFor();
  await screenshot(page, "explorer-plan.png", { fullPage: true });
  await page.context().close();
});

test("an event page shows participants, place, sources, and the status and certainty of a reported event", async () => {
  const page = await newPage();
  await page.goto(`${base}/event/meeting-2025-10-24-miami`);
  await page.locator("h1", { hasText: "Witkoff-Dmitriev meeting in Miami" }).waitFor();
  const participants = await page.locator(".participants .participant-head").allTextContents();
  assert(participants.some((p) => p.includes("Kirill Dmitriev") && p.includes("participant")), `participants: ${participants}`);
  assert((await page.locator(".facts").textContent()).includes("Miami, United States"), "place");
  const src = page.locator(".citations a.external", { hasText: "Trump administration officials met Kirill Dmitriev" }).first();
  eq(await src.getAttribute("href"), "https://b2bnews.co.nz/?p=41812", "source link");
  eq(await src.getAttribute("rel"), "noopener noreferrer", "source link rel");
  await page.locator(".disputes", { hasText: "late October 2025" }).waitFor();
  await page.goto(`${base}/event/narrowing-2025-11-19-points`);
  await page.locator(".view-head .badge.certainty.c-reported", { hasText: "reported" }).waitFor();
  await page.locator(".view-head .badge.status", { hasText: "unverified" }).waitFor();
  await page.context().close();
});

test("a disputed date lists every value with its own sources, and which one the editors prefer", async () => {
  const page = await newPage();
  await page.goto(`${base}/event/meeting-2025-10-24-miami`);
  const dispute = page.locator('.dispute[data-field="date"]');
  await dispute.waitFor();
  const values = dispute.locator(".disputed-value");
  eq(await values.count(), 2, "values of the disputed date");
  const texts = await values.locator(".claim-head").allTextContents();
  assert(texts.some((t) => t.includes("late October 2025")) && texts.some((t) => t.includes("24 October 2025")), `values: ${texts}`);
  const preferred = dispute.locator(".disputed-value.preferred");
  eq(await preferred.count(), 1, "preferred values");
  assert((await preferred.textContent()).includes("24 October 2025"), "the preferred value");
  for (let i = 0; i < 2; i++) assert((await values.nth(i).locator(".citation").count()) > 0, `value ${i} has no source`);
  assert((await dispute.textContent()).includes("the editors prefer 24 October 2025"), "resolved dispute not said so");
  await page.context().close();
});

test("each citation says how its source states the fact: a reported one beside confirmed ones", async () => {
  const page = await newPage();
  await page.goto(`${base}/event/talks-2025-11-23-geneva`);
  await page.locator("h1", { hasText: "US-Ukrainian talks in Geneva" }).waitFor();
  const sources = page.locator("#sources-title + .citations > .citation");
  const states = await sources.evaluateAll((els) => els.map((el) => el.dataset.confirmation));
  assert(states.includes("reported") && states.includes("confirmed"), `confirmations: ${states}`);
  const reported = page.locator('#sources-title + .citations > .citation[data-confirmation="reported"]');
  assert((await reported.textContent()).includes("U.S. Pursues Peace Framework for Ukraine"), "the reported citation is DisReport's");
  eq((await reported.locator(".citation-head .badge.c-reported").textContent()).trim(), "reported", "badge on the reported citation");
  // Confirmed is said quietly, not as a warning badge; the event itself is confirmed.
  eq(await page.locator('#sources-title + .citations > .citation[data-confirmation="confirmed"] .badge').count(), 0, "badges on confirmed citations");
  eq(await page.locator(".view-head .badge.certainty").count(), 0, "certainty badge on a confirmed event");
  assert((await page.locator(".facts").textContent()).includes("in person"), "modality");
  await page.context().close();
});

test("a call's duration is given as the sources qualify it, and how it took place", async () => {
  const page = await newPage();
  await page.goto(`${base}/event/call-2025-10-16-trump-putin`);
  await page.locator("h1", { hasText: "Trump-Putin call of 16 October 2025" }).waitFor();
  // The value is the definition's first node; its sources follow, folded away.
  const dd = (term) => page.locator(".facts dt", { hasText: term }).locator("xpath=following-sibling::dd[1]");
  const duration = await dd("Duration").evaluate((el) => el.firstChild.textContent);
  assert(!duration.includes("not recorded"), `duration: ${duration}`);
  assert(/hour/.test(duration) || duration.includes("disputed"), `duration: ${duration}`);
  eq(await dd("How").evaluate((el) => el.firstChild.textContent), "by phone", "modality of a call");
  await page.context().close();
});

test("a plan diff keeps points of unknown fate apart from dropped ones", async () => {
  const page = await newPage();
  await page.goto(`${base}/plan/us-russia-ukraine-peace-plan`);
  const diff = page.locator(".diff", { hasText: "28 → 19 points declared" });
  await diff.waitFor();
  await diff.locator("summary").first().click();
  const text = await diff.textContent();
  assert(text.includes("Fate unknown: 5"), `diff: ${text}`);
  assert(!text.includes("Dropped"), `points of unknown fate shown as dropped: ${text}`);
  eq(await diff.locator("ul.unknown > li").count(), 5, "points of unknown fate listed");
  await page.context().close();
});

test("an actor page shows roles, counterparts with counts, a timeline and stances", async () => {
  const page = await newPage();
  await page.goto(`${base}/actor/ukraine`);
  await page.locator("h1", { hasText: "Ukraine" }).waitFor();
  const first = page.locator("#counterparts-title + .table-wrap tbody tr").first();
  assert((await first.textContent()).includes("United States"), "top counterpart");
  await page.locator(".timeline-canvas .vis-item").first().waitFor();
  const stances = await page.locator(".stances > li").allTextContents();
  assert(stances.some((s) => s.includes("contests")), `stances: ${stances}`);
  await page.context().close();
});

test("downloads of the current view come from /export", async () => {
  const page = await newPage();
  await openNetwork(page, "from=2025-10-01&to=2025-11-30&types=phone_call");
  const href = await page.locator("a.download", { hasText: "GEXF" }).getAttribute("href");
  assert(href.startsWith("/export?") && href.includes("format=gexf") && href.includes("types=phone_call"), `href ${href}`);
  const res = await page.request.get(base + href);
  eq(res.status(), 200, "GET " + href);
  const xml = await res.text();
  assert(xml.includes('<gexf xmlns="http://gexf.net/1.3"') && xml.includes('source="putin" target="trump" weight="2"'), "GEXF content");
  await page.context().close();
});

// ---------------------------------------------------------------- embeds

test("an embed renders in an iframe on a page of another origin; other pages refuse to be framed", async () => {
  const page = await newPage({ width: 1000, height: 1100 });
  await page.goto(`${other}/`);
  const frame = page.frameLocator("#oembed iframe");
  await frame.locator(".embed-credit a", { hasText: "diplograph" }).waitFor();
  const href = await frame.locator(".embed-credit a").getAttribute("href");
  assert(href.startsWith(`${base}/network?`) && href.includes("from=2025-10-01"), `credit link ${href}`);
  await frame.locator(".embed-chart[data-positions]").waitFor({ state: "attached" });
  const edges = await frame.locator(".embed-chart").getAttribute("data-edges");
  assert(Number(edges) > 0, "the embed drew no links");
  eq(await frame.locator(".site-header").count(), 0, "navigation chrome in the embed");
  // The dark timeline embed.
  const tl = page.frameLocator("iframe#timeline");
  await tl.locator(".vis-item").first().waitFor();
  const dark = await tl.locator("html").getAttribute("data-theme");
  eq(dark, "dark", "theme of the timeline embed");
  await page.waitForTimeout(300);
  const bottom = await page.locator("#timeline").evaluate((el) => el.getBoundingClientRect().bottom + 16);
  await screenshot(page, "explorer-embed.png", { clip: { x: 0, y: 0, width: 1000, height: bottom } });
  // The explorer itself may not be framed.
  const blocked = page.frames().find((f) => f.name() === "page");
  assert(blocked, "no frame named page");
  const loaded = await blocked.evaluate(() => document.querySelector("#app") !== null).catch(() => false);
  assert(!loaded, "the explorer page rendered inside a frame of another origin");
  await page.context().close();
});

// ---------------------------------------------------------------- small screens

test("pages fit a phone's width", async () => {
  const page = await newPage({ width: 390, height: 844 });
  for (const path of ["/", "/network?from=2025-10-01&to=2025-11-30", "/timeline", "/plan/us-russia-ukraine-peace-plan", "/event/meeting-2025-10-24-miami", "/actor/witkoff"]) {
    await page.goto(base + path);
    await page.locator("main h1").waitFor();
    await page.waitForTimeout(200);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(width <= 392, `${path} is ${width}px wide on a 390px screen`);
    if (path.startsWith("/network")) {
      await page.locator(".chart-panel").evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 110));
      await page.waitForTimeout(200);
      await screenshot(page, "explorer-phone.png", { fullPage: false });
    }
  }
  await page.context().close();
});

// ---------------------------------------------------------------- run

let passed = 0;
let failed = 0;
for (const t of tests) {
  const started = Date.now();
  try {
    await t.fn();
    passed++;
    console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${t.name}\n     ${String(err?.stack ?? err).split("\n").slice(0, 6).join("\n     ")}`);
  }
}

// Nothing left the machine: every request went to this server or the test page.
const offMachine = requests.filter((u) => {
  const url = new URL(u);
  return !((url.protocol === "http:" || url.protocol === "https:") && (url.hostname === "127.0.0.1" || url.hostname === "localhost"));
});
if (offMachine.length > 0 || requests.length === 0) {
  failed++;
  console.log(`FAIL no request leaves the machine: ${requests.length} requests, off-machine: ${[...new Set(offMachine)].join(", ")}`);
} else {
  passed++;
  console.log(`ok   no request leaves the machine (${requests.length} requests, all to 127.0.0.1 or localhost)`);
}
if (problems.length > 0) {
  failed++;
  console.log(`FAIL no console errors or CSP violations:\n     ${[...new Set(problems)].join("\n     ")}`);
} else {
  passed++;
  console.log("ok   no console errors or CSP violations");
}

await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
