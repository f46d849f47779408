// The dashboard (/dashboard and /embed/dashboard): its numbers are the
// API's, certain and possible counts look different, its state lives in the
// URL, and the embed passes axe.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export default function ({ test, newPage, screenshot, assert, eq, base }) {
  async function api(page, query, variables) {
    const res = await page.request.post(`${base}/graphql`, { data: { query, variables } });
    const body = await res.json();
    assert(!body.errors, `API error: ${JSON.stringify(body.errors)}`);
    return body.data;
  }

  async function apiActivity(page, filter, interval, groupBy) {
    const d = await api(
      page,
      `query($f: EventFilter, $i: Interval!, $g: ActivityGroupBy) { activity(filter: $f, interval: $i, groupBy: $g) {
        buckets { from to certain possible groups { key certain possible } } } }`,
      { f: filter, i: interval, g: groupBy },
    );
    return d.activity.buckets;
  }

  /** What the chart draws: per period, its counts and the sums of its certain and possible segments. */
  async function drawn(page, scope = "main") {
    return page.locator(`${scope} svg.activity-chart g.bucket`).evaluateAll((gs) =>
      gs.map((g) => {
        const sum = (kind) => [...g.querySelectorAll(`rect.seg.${kind}`)].reduce((n, r) => n + Number(r.dataset.count), 0);
        const keys = (kind) => [...g.querySelectorAll(`rect.seg.${kind}`)].map((r) => `${r.dataset.key}:${r.dataset.count}`).sort();
        return { from: g.dataset.from, to: g.dataset.to, certain: sum("certain"), possible: sum("possible"), certainKeys: keys("certain"), possibleKeys: keys("possible") };
      }),
    );
  }

  function expected(buckets) {
    return buckets.map((b) => ({
      from: b.from,
      to: b.to,
      certain: b.certain,
      possible: b.possible,
      certainKeys: b.groups.filter((g) => g.certain).map((g) => `${g.key ?? ""}:${g.certain}`).sort(),
      possibleKeys: b.groups.filter((g) => g.possible).map((g) => `${g.key ?? ""}:${g.possible}`).sort(),
    }));
  }

  async function settled(page, search) {
    await page.waitForFunction((s) => location.search.includes(s) && !document.querySelector("main[data-loading]") && document.querySelector("svg.activity-chart"), search);
  }

  async function axe(page, what) {
    await page.evaluate(axeSource);
    const found = await page.evaluate(async () => {
      const r = await window.axe.run(document);
      return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
    });
    eq(found, [], `axe violations on ${what}`);
  }

  const period = { dates: { from: "2025-10-01", to: "2025-11-30" } };

  test("dashboard: the weekly chart and its table are the API's activity, certain drawn apart from possible", async () => {
    const page = await newPage({ width: 1280, height: 1000 });
    await page.goto(`${base}/dashboard?from=2025-10-01&to=2025-11-30`);
    await page.locator("svg.activity-chart g.bucket").first().waitFor();
    const weeks = await apiActivity(page, period, "WEEK", "TYPE");
    assert(weeks.some((b) => b.possible > 0) && weeks.some((b) => b.certain > 0), "the fixtures no longer have certain and possible events in these weeks");
    eq(await drawn(page), expected(weeks), "weekly bars by type");

    // Certain and possible segments differ in more than colour: solid
    // versus a hatch pattern with a dashed outline.
    const looks = await page.evaluate(() => {
      const style = (sel) => {
        const el = document.querySelector(sel);
        const cs = getComputedStyle(el);
        return { fill: cs.fill, dash: cs.strokeDasharray };
      };
      return { certain: style("rect.seg.certain"), possible: style("rect.seg.possible") };
    });
    assert(/^url\(/.test(looks.possible.fill) && !/^url\(/.test(looks.certain.fill), `fills: ${JSON.stringify(looks)}`);
    assert(looks.possible.dash !== "none" && looks.certain.dash === "none", `outlines: ${JSON.stringify(looks)}`);
    const legend = await page.locator(".activity-legend").textContent();
    assert(legend.includes("every day its dates allow falls in the week") && legend.includes("it may fall in the week or outside"), `legend: ${legend}`);

    // The table gives the same numbers and says what they mean.
    const rows = await page.locator(".activity-table tbody tr").evaluateAll((trs) =>
      trs.map((tr) => ({ from: tr.dataset.from, certain: Number(tr.querySelector("[data-certain]").textContent), possible: Number(tr.querySelector("[data-possible]").textContent) })),
    );
    eq(rows, weeks.map((b) => ({ from: b.from, certain: b.certain, possible: b.possible })), "the table's weeks");
    const caption = await page.locator(".activity-table caption").textContent();
    assert(caption.includes("certain (every day its dates allow falls in the week)") && caption.includes("possible (it may fall in the week or outside)"), `caption: ${caption}`);
    await screenshot(page, "explorer-dashboard.png");
    await axe(page, "the dashboard");

    // Per month, stacked by modality: the URL records it, the chart follows.
    await page.locator("#dash-interval").selectOption("MONTH");
    await settled(page, "interval=month");
    await page.locator("#dash-by").selectOption("MODALITY");
    await settled(page, "by=modality");
    eq(await drawn(page), expected(await apiActivity(page, period, "MONTH", "MODALITY")), "monthly bars by modality");
    const legendNow = await page.locator(".activity-legend").textContent();
    assert(legendNow.includes("falls in the month") && legendNow.includes("No modality stated"), `legend per month by modality: ${legendNow}`);
    await page.context().close();
  });

  test("dashboard: most active actors, top pairs and places are the API's", async () => {
    const page = await newPage();
    await page.goto(`${base}/dashboard?from=2025-11-01&to=2025-11-30&confirmed=1`);
    await page.locator("#most-active-table tbody tr").first().waitFor();
    const filter = { dates: { from: "2025-11-01", to: "2025-11-30" }, certainty: "CONFIRMED" };
    const d = await api(
      page,
      `query($f: EventFilter) { mostActive(filter: $f, first: 10) { actor { id } count first { display } last { display } }
        topPairs(filter: $f, first: 10) { actors { id } count certainty }
        placeActivity(filter: $f, first: 10) { place { id } count } }`,
      { f: filter },
    );
    const actors = await page.locator("#most-active-table tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [tr.dataset.actor, Number(tr.querySelector("td.num").textContent), tr.cells[2].textContent, tr.cells[3].textContent]),
    );
    eq(actors, d.mostActive.map((r) => [r.actor.id, r.count, r.first.display, r.last.display]), "most active");
    const pairs = await page.locator("#top-pairs-table tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.dataset.pair, Number(tr.querySelector("td.num").textContent), tr.cells[2].textContent.trim()]));
    eq(pairs, d.topPairs.map((r) => [r.actors.map((a) => a.id).join("--"), r.count, r.certainty.toLowerCase()]), "top pairs");
    const places = await page.locator("#places-table tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.dataset.place, Number(tr.querySelector("td.num").textContent)]));
    eq(places, d.placeActivity.map((r) => [r.place.id, r.count]), "places");
    // Containment: an event in Miami counts for the United States too.
    const all = await api(page, `{ placeActivity(first: 50) { place { id in { id } } count } }`);
    const count = (id) => all.placeActivity.find((p) => p.place.id === id)?.count ?? 0;
    assert(count("place-united-states") >= count("miami") + count("washington"), "places do not count what they contain");
    await page.context().close();
  });

  test("dashboard: changing the range updates the URL and the view; a reload reproduces it", async () => {
    const page = await newPage();
    await page.goto(`${base}/dashboard?from=2025-10-01&to=2025-11-30&interval=month`);
    await page.locator("svg.activity-chart g.bucket").first().waitFor();
    eq((await drawn(page)).length, 2, "months of October and November");
    const to = page.locator('.filters input[type="date"]').nth(1);
    await to.fill("2025-12-31");
    await to.dispatchEvent("change");
    await settled(page, "to=2025-12-31");
    const range = { dates: { from: "2025-10-01", to: "2025-12-31" } };
    const want = expected(await apiActivity(page, range, "MONTH", "TYPE"));
    eq(want.length, 3, "API months");
    eq(await drawn(page), want, "the chart after widening the range");
    const top = async () => page.locator("#most-active-table tbody tr").evaluateAll((trs) => trs.map((tr) => tr.dataset.actor + ":" + tr.querySelector("td.num").textContent));
    const before = await top();
    const url = page.url();
    assert(url.includes("interval=month") && url.includes("from=2025-10-01"), `URL ${url}`);
    await page.reload();
    await settled(page, "to=2025-12-31");
    eq(await drawn(page), want, "the chart after a reload");
    eq(await top(), before, "most active after a reload");
    eq(await to.inputValue(), "2025-12-31", "the To field after a reload");
    eq(await page.locator("#dash-interval").inputValue(), "MONTH", "the interval after a reload");
    await page.context().close();
  });

  test("dashboard: the embed shows the API's numbers, passes axe in light and dark, and the builder makes its code", async () => {
    const page = await newPage({ width: 800, height: 640 });
    for (const theme of ["light", "dark"]) {
      await page.goto(`${base}/embed/dashboard?from=2025-10-01&to=2025-11-30&asOf=2025-11-01&theme=${theme}`);
      await page.locator(".embed-root svg.activity-chart g.bucket").first().waitFor();
      eq(await drawn(page, ".embed-root"), expected(await apiActivity(page, { ...period, asOf: "2025-11-01" }, "WEEK", "TYPE")), `embed bars (${theme})`);
      assert((await page.locator(".embed-pin").textContent()).includes("As of 1 November 2025"), "no 'as of' note on the pinned embed");
      await axe(page, `the dashboard embed (${theme})`);
    }
    await page.goto(`${base}/dashboard?from=2025-10-01&to=2025-11-30&by=status`);
    await page.locator("svg.activity-chart").waitFor();
    const builder = page.locator("details.embed");
    await builder.locator("summary").click();
    await builder.locator('input[type="date"]').fill("2025-11-01");
    const code = await builder.locator("textarea.embed-code").inputValue();
    const src = new URL(/src="([^"]+)"/.exec(code)[1].replace(/&amp;/g, "&"));
    eq([src.pathname, src.searchParams.get("asOf"), src.searchParams.get("by"), src.searchParams.get("from")], ["/embed/dashboard", "2025-11-01", "status", "2025-10-01"], "embed code");
    assert(/height="640"/.test(code), `embed height: ${code}`);
    await page.goto(src.href);
    await page.locator(".embed-root svg.activity-chart g.bucket").first().waitFor();
    await page.context().close();
  });

  test("dashboard: fits a phone", async () => {
    const page = await newPage({ width: 375, height: 812 });
    await page.goto(`${base}/dashboard?from=2025-10-01&to=2025-11-30`);
    await page.locator("svg.activity-chart g.bucket").first().waitFor();
    await page.waitForTimeout(200);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(width <= 377, `the dashboard is ${width}px wide on a 375px screen`);
    await page.locator(".chart-panel").evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 70));
    await page.waitForTimeout(200);
    await screenshot(page, "explorer-dashboard-phone.png", { fullPage: false });
    await page.context().close();
  });
}
