// End-to-end tests of the explorer in a real browser: Debian's Chromium
// driven by playwright-core (no browser download), against a running
// `diplograph serve` over the curated fixtures.
//
// The Go test e2e/e2e_test.go starts the server and a second one on another
// origin, then runs this script with:
//
//   DIPLOGRAPH_E2E_BASE         the explorer, e.g. http://127.0.0.1:40123
//   DIPLOGRAPH_E2E_OTHER        a page on another origin that frames an embed;
//                               POST /retitle there changes the graph (live.mjs)
//   DIPLOGRAPH_E2E_PLAIN        optional: the same API without subscriptions (live.mjs)
//   DIPLOGRAPH_E2E_SCREENSHOTS  optional: a folder to write screenshots to
//   CHROMIUM                    optional: the browser (default /usr/bin/chromium)
//   DIPLOGRAPH_E2E_ONLY         optional: run only the tests whose name matches
//                               this regular expression (while working on one)
//
// Tests live here and in the other *.mjs files of this folder, one per area:
// each exports a default function that registers its tests with the helpers
// it is given (see `helpers` below).
//
// It prints one line per test and ends with "N passed, M failed"; it exits
// non-zero when a test fails.
import { mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
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
  // Sub-point a of point 21 (territories): a point found by its text.
  await page.locator(".search-result", { hasText: "Crimea, Luhansk and Donetsk will be recognized" }).click();
  await page.waitForURL(/\/plan\/us-russia-ukraine-peace-plan#point-p28-21-a$/);
  await page.locator("#point-p28-21-a").waitFor();
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
  // Their two October calls, and the Budapest summit that was planned but
  // never held (a speculated link): the weight counts the events listed.
  const titles = ["Trump-Putin call of 16 October 2025", "Second Trump-Putin call in October 2025", "Planned Trump-Putin summit in Budapest"];
  const weight = Number((await row.locator("td.num").textContent()).trim());
  eq(weight, titles.length, "Trump-Putin weight");
  const events = await row.locator("td").nth(1).textContent();
  for (const title of titles) assert(events.includes(title), `the edge lacks "${title}": ${events}`);
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
  eq(listed.length, weight, "events listed for the edge");
  assert(listed.some((t) => t.includes("Trump-Putin call of 16 October 2025")), `panel: ${listed}`);
  await screenshot(page, "explorer-network.png", { fullPage: false });
  await page.context().close();
});

test("clicking an actor expands its neighbourhood; the URL reproduces the view", async () => {
  const page = await newPage();
  // The neighbourhood of Lavrov alone: Rubio (their call, and the meeting
  // planned to prepare the Budapest summit).
  const canvas = await openNetwork(page, "from=2025-10-01&to=2025-11-30&actors=lavrov");
  eq(await canvas.getAttribute("data-nodes"), "2", "nodes around Lavrov");
  eq(await page.locator("#edges-table tbody tr").count(), 1, "links around Lavrov");
  await page.locator('#edges-table tr[data-edge="lavrov--rubio"]').waitFor();
  await page.locator(".focus-bar", { hasText: "Sergey Lavrov" }).waitFor();
  // Expanding Lavrov adds nobody (he met only Rubio in these months);
  // expanding from the table works with the keyboard.
  const expand = page.locator('#actors-table tr[data-actor="lavrov"] button');
  await expand.focus();
  await page.keyboard.press("Enter");
  await page.locator(".selection", { hasText: "already shown" }).waitFor();
  eq(await canvas.getAttribute("data-nodes"), "2", "nodes after expanding Lavrov");

  // Around Ushakov: Witkoff and Dmitriev (their calls). Click Witkoff in
  // the drawing: all his partners are drawn too.
  const witkoff = await openNetwork(page, "from=2025-10-01&to=2025-11-30&actors=ushakov");
  const before = Number(await witkoff.getAttribute("data-nodes"));
  eq(before, 3, "nodes around Ushakov");
  const pos = JSON.parse(await witkoff.getAttribute("data-positions"));
  await witkoff.click({ position: { x: pos.witkoff[0], y: pos.witkoff[1] } });
  await page.waitForURL(/expand=witkoff/);
  await page.waitForFunction((n) => Number(document.querySelector(".network-canvas").dataset.nodes) > n, before);
  await page.locator(".selection h2", { hasText: "Steve Witkoff" }).waitFor();
  const grown = Number(await witkoff.getAttribute("data-nodes"));
  const partners = await page.locator('#edges-table tr[data-edge^="witkoff--"], #edges-table tr[data-edge$="--witkoff"]').count();
  assert(partners > before, `Witkoff has ${partners} links after expanding`);
  eq(grown, partners + 1, "actors drawn after expanding Witkoff: he and each of his partners");

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
  const all = Number(await canvas.getAttribute("data-edges"));
  const trumpPutin = page.locator('#edges-table tr[data-edge="putin--trump"] td.num');
  eq((await trumpPutin.textContent()).trim(), "3", "Trump-Putin weight, all types");
  await page.locator(".chip", { hasText: "Phone calls" }).locator("input").check();
  await page.waitForURL(/types=phone_call/);
  await page.waitForFunction((n) => Number(document.querySelector(".network-canvas").dataset.edges) < n, all);
  const calls = Number(await canvas.getAttribute("data-edges"));
  assert(calls > 0, "no link with phone calls only");
  eq(await page.locator("#edges-table tbody tr").count(), calls, "links with phone calls only: drawn vs listed");
  // Only their two calls are left between Trump and Putin, not the summit.
  await page.waitForFunction(() => document.querySelector('#edges-table tr[data-edge="putin--trump"] td.num')?.textContent.trim() === "2");
  const listed = await page.locator('#edges-table tr[data-edge="putin--trump"] td').nth(1).textContent();
  assert(!listed.includes("Budapest"), `a summit among phone calls: ${listed}`);
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
  // Select an event: its card appears.
  await page.locator(".vis-item", { hasText: "Trump-Putin call of 16 October 2025" }).first().click();
  await page.locator(".event-card h3", { hasText: "Trump-Putin call of 16 October 2025" }).waitFor();
  await page.waitForURL(/event=call-2025-10-16-trump-putin/);
  // The screenshot: the second half of November, when the 28-point plan was
  // published and negotiated in Geneva, by type.
  if (shots) {
    await page.goto(`${base}/timeline?from=2025-11-15&to=2025-11-30&group=type`);
    await page.locator(".vis-item", { hasText: "US-Ukrainian talks in Geneva" }).first().waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, "explorer-timeline.png", { fullPage: false });
  }
  await page.context().close();
});

// ---------------------------------------------------------------- pages

test("the plan view shows the versions in derivation order: 20, 28, then the revisions of 28", async () => {
  const page = await newPage({ width: 1280, height: 1200 });
  await page.goto(`${base}/plan`);
  await page.waitForURL(`${base}/plan/us-russia-ukraine-peace-plan`);
  await page.locator(".version").first().waitFor();
  const ids = await page.locator(".version").evaluateAll((els) => els.map((el) => el.id.replace(/^version-/, "")));
  eq(ids.slice(0, 3), ["plan-20-point", "plan-28-point", "plan-19-point"], "the first versions in order");
  eq(ids.slice(3).sort(), ["plan-20-point-december", "plan-european-counterproposal"], "the later versions");
  const xs = await Promise.all(ids.map(async (id) => (await page.locator(`#version-${id}`).boundingBox()).x));
  for (let i = 1; i < xs.length; i++) assert(xs[i - 1] < xs[i], `version ${ids[i]} is not right of ${ids[i - 1]}`);
  eq((await page.locator(".version .declared-number").allTextContents()).slice(0, 2), ["20", "28"], "declared points of the first two");
  // Each version after the first is compared with the one it derives from,
  // not with the column before it.
  for (const id of ids.slice(1)) {
    const column = page.locator(`#version-${id}`);
    const from = /from “(.+)”/.exec(await column.locator(".eyebrow").first().textContent());
    assert(from, `${id} says nothing of what it derives from`);
    eq((await column.locator(".diff .diff-title").textContent()).trim(), `Changes from “${from[1]}”`, `the comparison in ${id}`);
  }
  eq(await page.locator("#version-plan-20-point .diff").count(), 0, "a comparison for the original");
  // The overview draws the versions as they derive: 20, then 28, then the
  // three that derive from it side by side (not as a chain).
  const flow = page.locator(".view-head > ol.version-flow");
  eq((await flow.locator(":scope > li > a .flow-name").allTextContents()).slice(0, 2), ["20-point Trump peace plan", "28-point peace plan"], "the chain of the overview");
  const branches = flow.locator('[aria-label="Derived from 28-point peace plan"] > li');
  eq(await branches.count(), ids.length - 2, "versions derived from the 28-point plan in the overview");
  // The sources disagree on how many points the Geneva revision has: it
  // declares none as fact, and lists each count with its sources.
  const geneva = page.locator("#version-plan-19-point");
  eq((await geneva.locator(".declared-number").textContent()).trim(), "?", "declared points of the Geneva revision");
  const declared = geneva.locator('.dispute[data-field="declaredPoints"]');
  assert((await declared.locator("p").first().textContent()).startsWith("Declared points:"), `label: ${await declared.locator("p").first().textContent()}`);
  const counts = declared.locator(".disputed-value");
  assert((await counts.count()) >= 2, "the disputed count of points lists fewer than two values");
  assert((await counts.first().textContent()).includes("19"), `first count: ${await counts.first().textContent()}`);
  // A dispute on what became of an earlier point names the point.
  const fate = geneva.locator('.disputes .dispute[data-field="fate/p28-06"] > p').first();
  const six = (await page.locator("#point-p28-06 > .point-head h4").textContent()).trim();
  assert((await fate.textContent()).startsWith(`What became of 6. ${six}:`), `fate of point 6: ${await fate.textContent()}`);
  await screenshot(page, "explorer-plan.png", { fullPage: false });
  // Each party's stance on a point, with its sources.
  const point = page.locator("#point-p28-07");
  const stances = await point.locator(".stance").allTextContents();
  assert(stances.some((s) => s.startsWith("Ukraine") && s.includes("contests")), `stances: ${stances}`);
  await point.locator(".stance summary").first().click();
  await point.locator(".stance .citation blockquote").first().waitFor();
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
  await page.locator(".disputes", { hasText: "late October" }).waitFor();
  // Accounts of what came of it stand side by side, each with its sources,
  // none given as the outcome.
  const outcome = page.locator(".facts dt", { hasText: "Outcome, by account" }).locator("xpath=following-sibling::dd[1]");
  assert((await outcome.locator(".disputed-value").count()) >= 2, `outcome accounts: ${await outcome.textContent()}`);
  assert((await outcome.locator(".citation").count()) >= 2, "outcome accounts without their sources");
  // A call only reported (by Axios), and an event whose taking place is unverified.
  await page.goto(`${base}/event/call-2025-10-29-dmitriev-ushakov`);
  await page.locator(".view-head .badge.certainty.c-reported", { hasText: "reported" }).waitFor();
  eq(await page.locator(".view-head .badge.status").count(), 0, "status badge on a call that was held");
  await page.goto(`${base}/event/other-2025-12-29-valdai-alleged-drone-attack`);
  await page.locator(".view-head .badge.status", { hasText: "unverified" }).waitFor();
  await page.locator(".view-head .status-note").waitFor();
  await page.context().close();
});

test("a disputed date lists every value with its own sources, and which one the editors prefer", async () => {
  const page = await newPage({ width: 1280, height: 1300 });
  await page.goto(`${base}/event/meeting-2025-10-24-miami`);
  const dispute = page.locator('.dispute[data-field="date"]');
  await dispute.waitFor();
  const values = dispute.locator(".disputed-value");
  // 24 October, late October, and 25 October as planned beforehand.
  eq(await values.count(), 3, "values of the disputed date");
  const texts = await values.locator(".claim-head").allTextContents();
  for (const want of ["late October", "24 October 2025", "25 October"]) assert(texts.some((t) => t.includes(want)), `no value "${want}" among ${texts}`);
  const preferred = dispute.locator(".disputed-value.preferred");
  eq(await preferred.count(), 1, "preferred values");
  assert((await preferred.textContent()).includes("24 October 2025"), "the preferred value");
  for (let i = 0; i < 3; i++) assert((await values.nth(i).locator(".citation").count()) > 0, `value ${i} has no source`);
  // The date expected beforehand is marked as planned, not stated as fact.
  await values.filter({ hasText: "25 October" }).locator(".claim-head .badge.c-planned").waitFor();
  assert((await dispute.textContent()).includes("the editors prefer 24 October 2025"), "resolved dispute not said so");
  // The page dates the meeting by the preferred value, and says why.
  const dd = page.locator(".facts dt", { hasText: "Date" }).locator("xpath=following-sibling::dd[1]");
  assert((await dd.textContent()).includes("24 October 2025") && (await dd.textContent()).includes("the editors prefer"), `date: ${await dd.textContent()}`);
  await screenshot(page, "explorer-event.png", { fullPage: false });
  await page.context().close();
});

test("each citation says how its source states the fact: a reported one beside confirmed ones", async () => {
  const page = await newPage();
  await page.goto(`${base}/event/talks-2025-11-23-geneva`);
  await page.locator("h1", { hasText: "US-Ukrainian talks in Geneva" }).waitFor();
  const sources = page.locator("#sources-title + .citations > .citation");
  const states = await sources.evaluateAll((els) => els.map((el) => el.dataset.confirmation));
  assert(states.includes("reported") && states.includes("confirmed"), `confirmations: ${states}`);
  // DisReport only reports the talks (its citation is marked so); the event
  // stays confirmed by the others.
  const disreport = page.locator("#sources-title + .citations > .citation", { hasText: "U.S. Pursues Peace Framework for Ukraine" });
  eq(await disreport.count(), 1, "DisReport's citation");
  eq(await disreport.getAttribute("data-confirmation"), "reported", "how DisReport states the talks");
  eq((await disreport.locator(".citation-head .badge.c-reported").textContent()).trim(), "reported", "badge on the reported citation");
  const reported = page.locator('#sources-title + .citations > .citation[data-confirmation="reported"]');
  eq(await reported.locator(".citation-head .badge.c-reported").count(), await reported.count(), "badges on reported citations");
  // Confirmed is said quietly, not as a warning badge; the event itself is confirmed.
  eq(await page.locator('#sources-title + .citations > .citation[data-confirmation="confirmed"] .badge').count(), 0, "badges on confirmed citations");
  eq(await page.locator(".view-head .badge.certainty").count(), 0, "certainty badge on a confirmed event");
  assert((await page.locator(".facts").textContent()).includes("in person"), "modality");
  await page.context().close();
});

test("a disputed duration lists every value as the sources word it, and gives none as fact", async () => {
  const page = await newPage();
  await page.goto(`${base}/event/call-2025-10-16-trump-putin`);
  await page.locator("h1", { hasText: "Trump-Putin call of 16 October 2025" }).waitFor();
  // The value is the definition's first node; its sources follow, folded away.
  const dd = (term) => page.locator(".facts dt", { hasText: term }).locator("xpath=following-sibling::dd[1]");
  eq(await dd("Duration").evaluate((el) => el.firstChild.textContent), "disputed: the sources disagree (see below)", "duration of the call");
  eq(await dd("How").evaluate((el) => el.firstChild.textContent), "by phone", "modality of a call");
  // Two and a half hours, almost that, over two hours, about two...: each
  // with its sources, none preferred.
  const dispute = page.locator('.dispute[data-field="duration"]');
  assert((await dispute.getAttribute("class")).includes("unresolved"), "the duration dispute is not unresolved");
  assert((await dispute.textContent()).includes("no value is preferred, so none is given as fact"), "unresolved dispute not said so");
  const values = dispute.locator(".disputed-value");
  const n = await values.count();
  assert(n >= 4, `${n} values of the duration`);
  const texts = (await values.locator(".claim-head").allTextContents()).map((t) => t.trim());
  for (const want of ["two and a half hours", "almost two and a half hours", "over two hours", "about two hours"]) {
    assert(texts.some((t) => t.startsWith(want)), `no value "${want}" among ${texts}`);
  }
  for (let i = 0; i < n; i++) assert((await values.nth(i).locator(".citation").count()) > 0, `value ${texts[i]} has no source`);
  eq(await dispute.locator(".disputed-value.preferred").count(), 0, "preferred values of an unresolved dispute");
  await page.context().close();
});

test("a plan diff keeps points of unknown fate apart from dropped, revised and disputed ones", async () => {
  const page = await newPage();
  await page.goto(`${base}/plan/us-russia-ukraine-peace-plan`);
  const diff = page.locator("#version-plan-19-point .diff");
  await diff.locator(".diff-title", { hasText: "Changes from “28-point peace plan”" }).waitFor();
  const title = async (n) => (await page.locator(`#point-p28-${String(n).padStart(2, "0")} > .point-head h4`).textContent()).trim();
  const items = async (cls) => (await diff.locator(`ul.${cls} > li`).allTextContents()).map((t) => t.trim());
  const known28 = await page.locator("#version-plan-28-point ol.points > li.point").count();
  eq(known28, 28, "known points of the 28-point plan");
  // Points 13 (Russia back in the G8) and 14 (frozen assets): a source says they were dropped.
  const removed = await diff.locator("ul.removed > li del").allTextContents();
  eq(removed, [await title(13), await title(14)], "dropped points");
  // Point 26 (amnesty): the sources disagree whether it was dropped or altered;
  // both values are listed with their sources.
  const disputed = diff.locator("ul.disputed > li");
  eq(await disputed.count(), 1, "points of disputed fate");
  assert((await disputed.textContent()).startsWith(await title(26)), `disputed: ${await disputed.textContent()}`);
  const fates = disputed.locator(".disputed-value");
  assert((await fates.count()) >= 2, "fewer than two fates for point 26");
  for (let i = 0; i < (await fates.count()); i++) assert((await fates.nth(i).locator(".citation").count()) > 0, `fate ${i} of point 26 has no source`);
  // Point 6 (the army cap) was revised: the Geneva version's point is marked so.
  const revised = diff.locator("p", { hasText: "Revised:" }).locator("xpath=following-sibling::ul[1]/li");
  eq(await revised.count(), 1, "revised points");
  assert((await revised.textContent()).startsWith(await title(6)), `revised: ${await revised.textContent()}`);
  await page.locator("#version-plan-19-point .point .badge.revised").first().waitFor();
  // Every other point: the sources do not say, so its fate is unknown, not dropped.
  const unknown = await items("unknown");
  eq(unknown.length, known28 - removed.length - 1 - 1, "points of unknown fate");
  for (const n of [6, 13, 14, 26]) {
    const t = await title(n);
    assert(!unknown.some((u) => u.startsWith(t)), `point ${n} among the unknown`);
  }
  assert(unknown.some((t) => t.startsWith("Territories")), `point 21 is not of unknown fate: ${unknown}`);
  assert((await diff.textContent()).includes(`Fate unknown: ${unknown.length}`), "the count of unknown points");
  await page.context().close();
});

test("an actor page shows roles, counterparts with counts, a timeline and stances", async () => {
  const page = await newPage();
  await page.goto(`${base}/actor/ukraine`);
  await page.locator("h1", { hasText: "Ukraine" }).waitFor();
  // Counterparts come most shared events first, each count linking to the
  // timeline of the events the two share.
  const rows = page.locator("#counterparts-title + .table-wrap tbody tr");
  await rows.first().waitFor();
  const counts = (await rows.locator("td.bar-cell a").allTextContents()).map(Number);
  assert(counts.length > 1 && counts.every((c) => c > 0), `counts: ${counts}`);
  eq(counts, [...counts].sort((a, b) => b - a), "counterparts by shared events");
  const top = rows.first();
  const who = (await top.locator("th a").getAttribute("href")).replace(/^\/actor\//, "");
  eq(await top.locator("td.bar-cell a").getAttribute("href"), `/timeline?actors=ukraine,${who}`, "link of the top count");
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

// ---------------------------------------------------------------- other areas

const helpers = { test, newPage, screenshot, assert, eq, base, other, shots };
const here = dirname(fileURLToPath(import.meta.url));
for (const f of readdirSync(here).filter((f) => f.endsWith(".mjs") && f !== "run.mjs").sort()) {
  const mod = await import(join(here, f));
  mod.default(helpers);
}

// ---------------------------------------------------------------- run

const only = process.env.DIPLOGRAPH_E2E_ONLY ? new RegExp(process.env.DIPLOGRAPH_E2E_ONLY) : null;
let passed = 0;
let failed = 0;
for (const t of tests.filter((t) => !only || only.test(t.name))) {
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
  // A blob: URL (a drawing being downloaded) names the page's own origin.
  const url = new URL(u.startsWith("blob:") ? u.slice(5) : u);
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
