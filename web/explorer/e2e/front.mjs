// Browser tests of the timeline, the embeds, printing and the shared
// front-end pieces (filters, tables, badges). Loaded by run.mjs.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export default function ({ test, newPage, screenshot, assert, eq, base }) {
  /** Every event of the API's timeline for a filter, as the explorer asks for it. */
  async function apiTimeline(page, filter) {
    const nodes = [];
    let after = null;
    for (;;) {
      const res = await page.request.post(`${base}/graphql`, {
        data: {
          query: `query($f: EventFilter, $a: String) { timeline(filter: $f, first: 100, after: $a) {
            totalCount pageInfo { hasNextPage endCursor } nodes { id title certainty status modality date { precision earliest latest } end { latest } } } }`,
          variables: { f: filter, a: after },
        },
      });
      const body = await res.json();
      assert(!body.errors, `API error: ${JSON.stringify(body.errors)}`);
      nodes.push(...body.data.timeline.nodes);
      if (!body.data.timeline.pageInfo.hasNextPage) return nodes;
      after = body.data.timeline.pageInfo.endCursor;
    }
  }
  const ids = (nodes) => nodes.map((n) => n.id).sort();
  const rowIds = async (page, scope) => (await page.locator(`${scope} tr[data-event]`).evaluateAll((rows) => rows.map((r) => r.dataset.event))).sort();

  /** axe-core's violations on the page (evaluated over CDP, so the CSP does not stop it). */
  async function axe(page, what) {
    await page.evaluate(axeSource);
    const found = await page.evaluate(async () => {
      const r = await window.axe.run(document);
      return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
    });
    eq(found, [], `axe violations on ${what}`);
  }

  // ------------------------------------------------------------ pinned embeds

  test("a pinned timeline embed shows the graph as of its day, says so, and links to the current view", async () => {
    const period = { dates: { from: "2025-10-01", to: "2025-11-30" } };
    for (const [size, shot] of [
      [{ width: 800, height: 420 }, "explorer-pinned-embed.png"],
      [{ width: 390, height: 480 }, "explorer-pinned-embed-phone.png"],
    ]) {
      const page = await newPage(size);
      const pinned = await apiTimeline(page, { ...period, asOf: "2025-11-01" });
      const now = await apiTimeline(page, period);
      assert(now.some((e) => e.id === "talks-2025-11-23-geneva") && !pinned.some((e) => e.id === "talks-2025-11-23-geneva"), "the fixtures no longer tell the pinned graph from today's");
      await page.goto(`${base}/embed/timeline?from=2025-10-01&to=2025-11-30&asOf=2025-11-01`);
      await page.locator(".embed-chart .vis-item").first().waitFor();
      eq(await rowIds(page, ".embed-root"), ids(pinned), "the embed's events are the pinned answer's");
      const pin = page.locator(".embed-pin");
      assert((await pin.textContent()).includes("As of 1 November 2025"), `pin note: ${await pin.textContent()}`);
      const updated = pin.locator("a", { hasText: "updated since publication" });
      const href = await updated.getAttribute("href");
      assert(href.startsWith(`${base}/timeline?`) && !href.includes("asOf") && href.includes("from=2025-10-01"), `updated link ${href}`);
      await page.waitForTimeout(300);
      await screenshot(page, shot);
      await page.context().close();
    }
  });

  test("an embed pinned to today says nothing changed", async () => {
    const page = await newPage({ width: 800, height: 420 });
    const today = new Date().toISOString().slice(0, 10);
    await page.goto(`${base}/embed/timeline?from=2025-10-01&to=2025-11-30&asOf=${today}`);
    await page.locator(".embed-chart .vis-item").first().waitFor();
    await page.waitForFunction(() => document.querySelector(".embed-root").dataset.updated !== undefined);
    eq(await page.locator(".embed-root").getAttribute("data-updated"), "false", "updated flag");
    eq(await page.locator(".embed-pin a").count(), 0, "an 'updated' link on an up-to-date embed");
    await page.context().close();
  });

  test("the embed builder pins the embed to the day of publication", async () => {
    const page = await newPage();
    await page.goto(`${base}/timeline?from=2025-10-01&to=2025-11-30`);
    await page.locator(".view-tools summary", { hasText: "Embed this view" }).click();
    const code = page.locator(".embed-code");
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    });
    assert((await code.inputValue()).includes(`asOf=${today}`), `embed code without today's asOf: ${await code.inputValue()}`);
    await page.locator(".embed-as-of input[type=date]").fill("2025-11-01");
    assert((await code.inputValue()).includes("asOf=2025-11-01"), `embed code: ${await code.inputValue()}`);
    await page.locator(".embed-as-of input[type=date]").fill("");
    assert(!(await code.inputValue()).includes("asOf"), `embed code still pinned: ${await code.inputValue()}`);
    await page.context().close();
  });

  test("embeds of an actor, an event and a plan: compact, linked to the full view, pinned by asOf, accessible", async () => {
    const page = await newPage({ width: 800, height: 560 });
    await page.goto(`${base}/embed/actor/witkoff?asOf=2025-11-01`);
    await page.locator("h1.embed-title", { hasText: "Steve Witkoff" }).waitFor();
    const pinned = await apiTimeline(page, { actors: ["witkoff"], asOf: "2025-11-01" });
    const now = await apiTimeline(page, { actors: ["witkoff"] });
    assert(pinned.length < now.length, "the fixtures no longer change Witkoff's events after 1 November 2025");
    assert((await page.locator(".embed-page").textContent()).includes(`${pinned.length} events`), "the actor embed does not count the pinned events");
    assert((await page.locator(".embed-pin").textContent()).includes("updated since publication"), "no 'updated' note on the actor embed");
    await axe(page, "the actor embed");
    await page.goto(`${base}/embed/event/warnings-2025-10-driscoll-ukraine`);
    await page.locator("h1.embed-title", { hasText: "Driscoll" }).waitFor();
    eq(await page.locator(".embed-more a").getAttribute("href"), "/event/warnings-2025-10-driscoll-ukraine", "link to the full event");
    await axe(page, "the event embed");
    await page.goto(`${base}/embed/plan/us-russia-ukraine-peace-plan`);
    await page.locator(".embed-versions li").first().waitFor();
    assert((await page.locator(".embed-versions li").count()) >= 3, "the plan embed lists too few versions");
    await axe(page, "the plan embed");
    await page.context().close();
  });

  test("the timeline and network embeds pass axe, in light and dark", async () => {
    const page = await newPage({ width: 800, height: 480 });
    for (const theme of ["light", "dark"]) {
      await page.goto(`${base}/embed/timeline?from=2025-10-01&to=2025-11-30&asOf=2025-11-01&theme=${theme}`);
      await page.locator(".embed-chart .vis-item").first().waitFor();
      await axe(page, `the timeline embed (${theme})`);
      await page.goto(`${base}/embed/network?from=2025-10-01&to=2025-11-30&theme=${theme}`);
      await page.locator(".embed-chart[data-positions]").waitFor({ state: "attached" });
      await axe(page, `the network embed (${theme})`);
    }
    await page.context().close();
  });

  test("in dark mode the certainty badge reads at 4.5:1 or more", async () => {
    const page = await newPage({ width: 800, height: 480 });
    await page.goto(`${base}/embed/timeline?from=2025-10-01&to=2025-11-30&theme=dark`);
    await page.locator(".embed-root .badge.certainty").first().waitFor({ state: "attached" });
    const ratio = await page.evaluate(() => {
      const rgb = (s) => s.match(/[\d.]+/g).slice(0, 3).map(Number);
      const lum = ([r, g, b]) => {
        const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const fg = lum(rgb(getComputedStyle(document.querySelector(".badge.certainty")).color));
      const bg = lum(rgb(getComputedStyle(document.body).backgroundColor));
      return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    });
    assert(ratio >= 4.5, `certainty badge contrast ${ratio.toFixed(2)}:1`);
    await page.context().close();
  });

  // ------------------------------------------------------------ the timeline

  test("the timeline draws only the answer to the latest filter, however slow the earlier one", async () => {
    const page = await newPage();
    await page.goto(`${base}/timeline`);
    await page.locator(".timeline-canvas .vis-item").first().waitFor();
    // The first request (From only) answers late, the second (From and To) at once.
    await page.route("**/graphql", async (route) => {
      const body = route.request().postData() ?? "";
      const late = body.includes("2025-10-01") && !body.includes("2025-10-31");
      await new Promise((r) => setTimeout(r, late ? 1500 : 100));
      await route.continue().catch(() => {});
    });
    const [from, to] = [page.locator(".range-ends input[type=date]").nth(0), page.locator(".range-ends input[type=date]").nth(1)];
    await from.fill("2025-10-01");
    await page.waitForTimeout(150);
    await to.fill("2025-10-31");
    await page.waitForTimeout(2500);
    await page.unroute("**/graphql");
    const want = await apiTimeline(page, { dates: { from: "2025-10-01", to: "2025-10-31" } });
    const wider = await apiTimeline(page, { dates: { from: "2025-10-01" } });
    assert(wider.length > want.length, "the two filters give the same events");
    eq(await rowIds(page, ".timeline-table"), ids(want), "the table after both answers");
    assert((await page.locator(".chart-status").textContent()).startsWith(`${want.length} event`), `status ${await page.locator(".chart-status").textContent()}`);
    await page.context().close();
  });

  test("a period's precision note runs to the end's last day", async () => {
    const page = await newPage();
    await page.goto(`${base}/event/warnings-2025-10-driscoll-ukraine`);
    const note = page.locator(".facts .hint", { hasText: "may" });
    await note.first().waitFor();
    const text = await note.first().textContent();
    assert(text.includes("21 October 2025 to 30 November 2025"), `precision note: ${text}`);
    await page.goto(`${base}/timeline?from=2025-10-01&to=2025-11-30&event=warnings-2025-10-driscoll-ukraine`);
    const card = page.locator(".timeline-detail .event-card .hint");
    await card.first().waitFor();
    assert((await card.first().textContent()).includes("30 November 2025"), `card note: ${await card.first().textContent()}`);
    await page.context().close();
  });

  test("the first view fits the precisely dated events; loosely dated ones are listed; labels stay inside", async () => {
    const page = await newPage();
    const all = await apiTimeline(page, {});
    const loose = all.filter((e) => e.date.precision === "YEAR");
    assert(loose.length > 0, "no year-only event in the fixtures");
    await page.goto(`${base}/timeline`);
    await page.locator(".timeline-canvas .vis-item").first().waitFor();
    await page.waitForTimeout(300);
    const days = await page.evaluate(() => {
      const labels = [...document.querySelectorAll(".timeline-canvas .vis-time-axis .vis-text.vis-major")].map((e) => e.textContent);
      return labels;
    });
    // Over a whole year the axis's major labels are years; over a few months, months.
    assert(!days.every((d) => /^\d{4}$/.test(d.trim())), `the first view spans years: ${days}`);
    const listed = await page.locator(".loose-events li").allTextContents();
    for (const e of loose) assert(listed.some((t) => t.includes(e.title)), `${e.title} is not in the list of loosely dated events`);
    // Labels of the last events are not cut off at the right edge.
    await page.goto(`${base}/timeline?from=2025-10-01&to=2025-11-30&group=none`);
    await page.locator(".timeline-canvas .vis-item").first().waitFor();
    await page.waitForTimeout(300);
    const cut = await page.evaluate(() => {
      const panel = document.querySelector(".timeline-canvas .vis-panel.vis-center").getBoundingClientRect();
      return [...document.querySelectorAll(".timeline-canvas .vis-item.vis-point")]
        .map((el) => ({ r: el.getBoundingClientRect(), t: el.textContent }))
        .filter(({ r }) => r.left >= panel.left && r.left < panel.right && r.right > panel.right + 1)
        .map(({ t }) => t);
    });
    eq(cut, [], "labels cut off at the right edge");
    await page.context().close();
  });

  test("on a phone the timeline is one row, and its table says it scrolls", async () => {
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(`${base}/timeline?from=2025-10-01&to=2025-11-30`);
    await page.locator(".timeline-canvas .vis-item").first().waitFor();
    eq(await page.locator("#group-by").inputValue(), "none", "grouping on a phone");
    eq(await page.locator(".timeline-canvas").getAttribute("data-groups"), "0", "groups on a phone");
    const wrap = page.locator(".timeline-table .table-scroll");
    eq(await wrap.getAttribute("tabindex"), "0", "the table frame takes focus");
    assert((await wrap.getAttribute("aria-label")).includes("scrolls"), "the table frame's label");
    const shape = await wrap.evaluate((el) => ({ wide: el.scrollWidth > el.clientWidth, bg: getComputedStyle(el).backgroundImage }));
    assert(shape.wide, "the events table fits a phone: the test no longer shows the scroll cue");
    assert(shape.bg.includes("gradient"), `no scroll cue: ${shape.bg}`);
    await page.context().close();
  });

  test("the filter bar says which types are ticked, and names 'All dates' once", async () => {
    const page = await newPage();
    await page.goto(`${base}/timeline?from=2025-10-01&to=2025-11-30`);
    await page.locator(".timeline-canvas .vis-item").first().waitFor();
    const hint = page.locator(".filter-types-wrap summary .hint");
    const before = await hint.textContent();
    await page.locator(".filter-types label", { hasText: "Phone calls" }).click();
    await page.waitForFunction((b) => document.querySelector(".filter-types-wrap summary .hint").textContent !== b, before);
    assert((await hint.textContent()).includes("phone calls"), `types hint: ${await hint.textContent()}`);
    await page.locator(".filter-dates .link-button").click();
    await page.waitForTimeout(100);
    eq(await page.locator(".filters").getByText("All dates", { exact: true }).count(), 1, "'All dates' in the filter bar");
    await page.context().close();
  });

  test("Confirmed only, in the URL; reported, cancelled and remote events are marked in words", async () => {
    const page = await newPage();
    const period = { dates: { from: "2025-10-01", to: "2025-11-30" } };
    const all = await apiTimeline(page, period);
    const confirmed = await apiTimeline(page, { ...period, certainty: "CONFIRMED" });
    assert(confirmed.length < all.length, "every event of the window is confirmed: the test cannot tell");
    // One event made cancelled in the API's answer, to see how it is drawn.
    const victim = all.find((e) => e.modality === "IN_PERSON" && e.certainty === "CONFIRMED");
    await page.route("**/graphql", async (route) => {
      const res = await route.fetch();
      const text = await res.text();
      await route.fulfill({ response: res, body: text.replace(new RegExp(`("id":"${victim.id}"[^{}]*?"status":)(null|"HELD")`), '$1"CANCELLED"') });
    });
    await page.goto(`${base}/timeline?from=2025-10-01&to=2025-11-30&group=none`);
    await page.locator(".timeline-canvas .vis-item").first().waitFor();
    const items = page.locator(".timeline-canvas .vis-item");
    const reported = all.find((e) => e.certainty === "REPORTED");
    assert(reported, "no reported event in the window");
    const rep = items.filter({ hasText: reported.title }).first();
    assert((await rep.textContent()).includes("reported"), `the reported event's label: ${await rep.textContent()}`);
    const call = all.find((e) => e.modality === "PHONE");
    assert((await items.filter({ hasText: call.title }).first().textContent()).includes("by phone"), "a call's label does not say 'by phone'");
    const gone = items.filter({ hasText: victim.title }).first();
    const look = await gone.evaluate((el) => ({ text: el.textContent, deco: getComputedStyle(el.querySelector(".tl-title")).textDecorationLine, bg: getComputedStyle(el).backgroundColor }));
    assert(look.text.includes("cancelled") && look.deco.includes("line-through") && /rgba\(0, 0, 0, 0\)|transparent/.test(look.bg), `the cancelled event looks held: ${JSON.stringify(look)}`);
    await page.unroute("**/graphql");
    await page.locator(".filter-confirmed label", { hasText: "Confirmed only" }).click();
    await page.waitForFunction(() => location.search.includes("confirmed=1"));
    await page.waitForFunction((n) => document.querySelector(".chart-status").textContent.startsWith(`${n} event`), confirmed.length);
    eq(await rowIds(page, ".timeline-table"), ids(confirmed), "the confirmed-only table");
    await page.reload();
    await page.locator(".timeline-canvas .vis-item").first().waitFor();
    assert(await page.locator(".filter-confirmed input").isChecked(), "Confirmed only is not restored from the URL");
    await page.context().close();
  });

  test("the timeline downloads as SVG and PNG at publication size, with a source line", async () => {
    const page = await newPage();
    await page.goto(`${base}/timeline?from=2025-10-01&to=2025-11-30`);
    await page.locator(".timeline-canvas .vis-item").first().waitFor();
    const [svgDl] = await Promise.all([page.waitForEvent("download"), page.locator(".image-downloads button", { hasText: "SVG" }).click()]);
    const svg = readFileSync(await svgDl.path(), "utf8");
    assert(svg.startsWith("<svg") && svg.includes("diplograph · as of ") && svg.includes("1 Oct 2025 – 30 Nov 2025"), "the SVG lacks its source line");
    const want = await apiTimeline(page, { dates: { from: "2025-10-01", to: "2025-11-30" } });
    assert(want.some((e) => svg.includes(e.title.replace(/&/g, "&amp;").replace(/'/g, "'").slice(0, 30))), "the SVG names none of the events");
    const [pngDl] = await Promise.all([page.waitForEvent("download"), page.locator(".image-downloads button", { hasText: "PNG 1200" }).click()]);
    const png = readFileSync(await pngDl.path());
    eq(png.subarray(1, 4).toString(), "PNG", "PNG signature");
    eq([png.readUInt32BE(16), png.readUInt32BE(20)], [1200, 675], "PNG size");
    await page.context().close();
  });

  test("the timeline view takes asOf from its URL and offers the graph as it is now", async () => {
    const page = await newPage();
    const pinned = await apiTimeline(page, { dates: { from: "2025-10-01", to: "2025-11-30" }, asOf: "2025-11-01" });
    await page.goto(`${base}/timeline?from=2025-10-01&to=2025-11-30&asOf=2025-11-01`);
    await page.locator(".timeline-canvas .vis-item").first().waitFor();
    eq(await rowIds(page, ".timeline-table"), ids(pinned), "the pinned timeline's events");
    const now = page.locator(".pin-note a", { hasText: "as it is now" });
    eq(await now.getAttribute("href"), "/timeline?from=2025-10-01&to=2025-11-30", "link to the current graph");
    await page.context().close();
  });

  test("the actor page takes asOf: the events the graph held on that day", async () => {
    const page = await newPage();
    const pinned = await apiTimeline(page, { actors: ["witkoff"], asOf: "2025-11-01" });
    const now = await apiTimeline(page, { actors: ["witkoff"] });
    assert(pinned.length < now.length && pinned.length <= 100, "the fixtures no longer tell Witkoff's pinned events from today's");
    await page.goto(`${base}/actor/witkoff?asOf=2025-11-01`);
    await page.locator(".events-table").waitFor();
    eq(await rowIds(page, ".events-table"), ids(pinned), "the actor's events as of 1 November 2025");
    assert((await page.locator(".pin-note").textContent()).includes("1 November 2025"), "no pin note on the actor page");
    await page.context().close();
  });

  test("the timeline and event views pass axe", async () => {
    const page = await newPage();
    await page.goto(`${base}/timeline?from=2025-10-01&to=2025-11-30`);
    await page.locator(".timeline-canvas .vis-item").first().waitFor();
    await axe(page, "the timeline view");
    await page.goto(`${base}/event/warnings-2025-10-driscoll-ukraine`);
    await page.locator("main h1").waitFor();
    await axe(page, "the event view");
    await page.context().close();
  });

  // ------------------------------------------------------------ print

  test("printed pages keep the timeline's items and fit the plan and the network to the paper", async () => {
    const page = await newPage({ width: 1280, height: 900 });
    // Printing lays the page out at the paper's width without a resize
    // event: the charts keep what they drew for the screen.
    const paper = async () => {
      await page.emulateMedia({ media: "print" });
      await page.evaluate(() => {
        document.documentElement.style.setProperty("width", "700px");
        window.dispatchEvent(new Event("beforeprint"));
      });
      await page.waitForTimeout(200);
    };
    await page.goto(`${base}/timeline?from=2025-10-01&to=2025-11-30`);
    await page.locator(".timeline-canvas .vis-item").first().waitFor();
    await paper();
    const items = await page.evaluate(() => {
      const c = document.querySelector(".timeline-canvas").getBoundingClientRect();
      return [...document.querySelectorAll(".timeline-canvas .vis-item")].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > c.left && r.left < Math.min(c.right, 700) && getComputedStyle(el).visibility !== "hidden";
      }).length;
    });
    assert(items > 5, `the printed timeline shows ${items} items`);
    await screenshot(page, "explorer-print.png", { fullPage: false, clip: { x: 0, y: 0, width: 700, height: 900 } });
    const pdf = await page.pdf({ format: "A4" });
    assert(pdf.length > 10000, "an empty PDF");

    await page.emulateMedia({ media: "screen" });
    await page.goto(`${base}/plan/us-russia-ukraine-peace-plan`);
    await page.locator(".version").nth(2).waitFor();
    await paper();
    const right = await page.locator(".version").evaluateAll((vs) => Math.max(...vs.map((v) => v.getBoundingClientRect().right)));
    assert(right <= 701, `a plan version ends at ${right}px on a 700px page`);

    await page.emulateMedia({ media: "screen" });
    await page.goto(`${base}/network?from=2025-10-01&to=2025-11-30`);
    await page.waitForFunction(() => document.querySelector(".network-canvas")?.dataset.positions);
    await paper();
    const net = await page.evaluate(() => Math.max(...[...document.querySelectorAll(".network-canvas, .network-canvas canvas")].map((c) => c.getBoundingClientRect().right)));
    assert(net <= 701, `the network ends at ${net}px on a 700px page`);
    await page.context().close();
  });
}
