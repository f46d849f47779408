// Browser tests of the network and path views: answers that arrive out of
// order, dates of multi-day events, phones, certainty, hover cards, the
// kind and actor filters, the time slider and image downloads. Expected
// values come from the API itself, asked directly, never typed in.
import { readFileSync } from "node:fs";

const NETWORK = `query Network($filter: NetworkFilter) {
  network(filter: $filter) {
    nodes { actor { id name kind } eventCount }
    edges { source { id } target { id } weight certainty events { id title status modality date { display earliest } end { display } } }
  }
}`;

const modalityWord = { IN_PERSON: "in person", PHONE: "by phone", VIDEO: "by video", WRITTEN: "in writing", MIXED: "some in person, others remotely" };
const certaintyWord = { REPORTED: "reported", PLANNED: "planned", SPECULATED: "speculated", DENIED: "denied" };

const edgeKey = (a, b) => (a < b ? `${a}--${b}` : `${b}--${a}`);
const sorted = (xs) => [...xs].sort();

export default function ({ test, newPage, screenshot, assert, eq, base }) {
  async function api(query, variables = {}) {
    const res = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    if (body.errors?.length) throw new Error(`API: ${body.errors[0].message}`);
    return body.data;
  }

  const networkOf = async (filter) => (await api(NETWORK, { filter })).network;

  async function openNetwork(page, query) {
    await page.goto(`${base}/network${query ? `?${query}` : ""}`);
    await page.waitForFunction(() => {
      const c = document.querySelector(".network-canvas");
      return c && c.dataset.positions && document.querySelector("#edges-table") && !c.hasAttribute("aria-busy");
    });
    return page.locator(".network-canvas");
  }

  /** What the view shows: actor and link ids of the tables, and the drawing's counts. */
  async function shown(page) {
    return page.evaluate(() => {
      const c = document.querySelector(".network-canvas");
      return {
        actors: [...document.querySelectorAll("#actors-table tbody tr")].map((r) => r.dataset.actor).sort(),
        edges: [...document.querySelectorAll("#edges-table tbody tr")].map((r) => r.dataset.edge).sort(),
        events: [...new Set([...document.querySelectorAll("#edges-table tbody a[href^='/event/']")].map((a) => a.getAttribute("href").slice(7)))].sort(),
        nodesDrawn: Number(c.dataset.nodes),
        edgesDrawn: Number(c.dataset.edges),
      };
    });
  }

  function expected(net) {
    return {
      actors: sorted(net.nodes.map((n) => n.actor.id)),
      edges: sorted(net.edges.map((e) => edgeKey(e.source.id, e.target.id))),
      events: sorted(new Set(net.edges.flatMap((e) => e.events.map((ev) => ev.id)))),
    };
  }

  function sameAs(got, want, what) {
    eq(got.actors, want.actors, `${what}: actors listed`);
    eq(got.edges, want.edges, `${what}: links listed`);
    eq(got.events, want.events, `${what}: events listed`);
    eq(got.nodesDrawn, want.actors.length, `${what}: actors drawn`);
    eq(got.edgesDrawn, want.edges.length, `${what}: links drawn`);
  }

  test("network: two quick date changes show the latest filter's answer alone, not a mix of both", async () => {
    const page = await newPage();
    // Every answer of the API comes 400 ms late.
    await page.route("**/graphql", async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    await openNetwork(page, "");
    const dates = page.locator(".range-ends input[type=date]");
    await dates.nth(0).fill("2025-10-01");
    await page.waitForTimeout(250);
    await dates.nth(1).fill("2025-10-31");
    await page.waitForURL(/from=2025-10-01&to=2025-10-31/);
    // Long enough for every answer in flight to have arrived.
    await page.waitForTimeout(1500);
    await page.waitForFunction(() => !document.querySelector(".network-canvas").hasAttribute("aria-busy"));
    const status = await page.locator(".chart-status").textContent();
    assert(status.includes("1 Oct 2025") && status.includes("31 Oct 2025"), `status: ${status}`);
    const want = expected(await networkOf({ dates: { from: "2025-10-01", to: "2025-10-31" } }));
    const wider = expected(await networkOf({ dates: { from: "2025-10-01" } }));
    assert(wider.events.length > want.events.length, "the first answer should hold events the second does not");
    sameAs(await shown(page), want, "after both answers");
    await page.context().close();
  });

  test("network: a multi-day event is listed with its whole span, as on its page", async () => {
    const page = await newPage();
    const { event } = await api(`query($id: ID!) { event(id: $id) { title date { display } end { display } } }`, { id: "meeting-2025-10-24-miami" });
    assert(event.end && event.end.display !== event.date.display, `the Miami meeting has no end: ${JSON.stringify(event)}`);
    await page.goto(`${base}/event/meeting-2025-10-24-miami`);
    const facts = await page.locator(".facts").textContent();
    assert(facts.includes(event.end.display), `the event page lacks its end: ${facts}`);
    await openNetwork(page, "from=2025-10-01&to=2025-11-30");
    const cells = await page.locator("#edges-table td", { has: page.locator('a[href="/event/meeting-2025-10-24-miami"]') }).allTextContents();
    assert(cells.length > 0, "no link lists the Miami meeting");
    for (const c of cells) assert(c.includes(`${event.date.display} – ${event.end.display}`), `a link shows the meeting as one day: ${c}`);
    await page.context().close();
  });

  test("network on a phone: labels at least 11 px, none overlapping; wide tables say they scroll", async () => {
    const page = await newPage({ width: 375, height: 812 });
    const canvas = await openNetwork(page, "from=2025-10-01&to=2025-11-30");
    const px = Number(await canvas.getAttribute("data-label-px"));
    assert(px >= 11, `labels drawn at ${px}px`);
    const boxes = Object.entries(JSON.parse((await canvas.getAttribute("data-labels")) || "{}"));
    assert(boxes.length > 0, "no label drawn");
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, p] = boxes[i];
        const [b, q] = boxes[j];
        assert(!(p[0] < q[2] && q[0] < p[2] && p[1] < q[3] && q[1] < p[3]), `labels of ${a} and ${b} overlap`);
      }
    // Each table scrolls inside its frame, never the page, and a shadow at
    // the edge says when more columns hide there; by keyboard too.
    for (const id of ["#actors-table", "#edges-table"]) {
      const wrap = page.locator(".table-scroll", { has: page.locator(id) });
      const info = await wrap.evaluate((el) => ({ overflow: getComputedStyle(el).overflowX, tab: el.tabIndex, label: el.getAttribute("aria-label"), bg: getComputedStyle(el).backgroundImage }));
      eq(info.overflow, "auto", `${id} scrolls in its frame`);
      eq(info.tab, 0, `${id}'s frame is focusable`);
      assert(info.label && info.bg.includes("gradient"), `${id}: no scroll cue: ${JSON.stringify(info)}`);
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("main *")]
        .filter((el) => el.getBoundingClientRect().right > 377 && ![...el.children].some((c) => c.getBoundingClientRect().right > 377))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}#${el.id}[${el.getAttribute("type")}] in ${el.parentElement.className}/${el.parentElement.parentElement.className} right ${Math.round(el.getBoundingClientRect().right)}`),
    );
    assert(width <= 377, `the network page is ${width}px wide on a 375px screen: ${wide.join(", ")}`);
    await page.context().close();
  });

  test("network and path finder: Confirmed only asks for confirmed links; others are dashed and labelled", async () => {
    const page = await newPage({ width: 1280, height: 1150 });
    const canvas = await openNetwork(page, "from=2025-10-01&to=2025-11-30");
    const dates = { from: "2025-10-01", to: "2025-11-30" };
    const all = await networkOf({ dates });
    sameAs(await shown(page), expected(all), "all links");
    const uncertain = all.edges.filter((e) => e.certainty !== "CONFIRMED");
    assert(uncertain.length > 0, "no unconfirmed link in October-November");
    eq((await canvas.getAttribute("data-dashed")).split(",").filter(Boolean), sorted(uncertain.map((e) => edgeKey(e.source.id, e.target.id))), "dashed lines");
    for (const e of uncertain) {
      const row = page.locator(`#edges-table tr[data-edge="${edgeKey(e.source.id, e.target.id)}"] th`);
      assert((await row.textContent()).includes(certaintyWord[e.certainty]), `link ${e.source.id}-${e.target.id} not labelled ${certaintyWord[e.certainty]}`);
    }
    const legend = await page.locator(".legend").textContent();
    assert(legend.includes("Dashed: only reported") && legend.includes("Dotted"), `legend: ${legend}`);
    // Each event of a link says how it took place and whether it did.
    for (const e of all.edges)
      for (const ev of e.events) {
        const cell = await page.locator(`#edges-table tr[data-edge="${edgeKey(e.source.id, e.target.id)}"] td`).nth(1).textContent();
        if (ev.modality) assert(cell.includes(modalityWord[ev.modality]), `${ev.title}: no "${modalityWord[ev.modality]}" in ${cell}`);
        if (ev.status && ev.status !== "HELD") assert(cell.includes(ev.status.toLowerCase()), `${ev.title}: no status ${ev.status} in ${cell}`);
      }

    await page.locator("#network-confirmed").check();
    await page.waitForURL(/confirmed=1/);
    await page.waitForFunction(() => !document.querySelector(".network-canvas").hasAttribute("aria-busy") && document.querySelector(".chart-status").textContent.includes("confirmed only"));
    const confirmed = await networkOf({ dates, certainty: "CONFIRMED" });
    sameAs(await shown(page), expected(confirmed), "confirmed only");
    eq(await canvas.getAttribute("data-dashed"), "", "dashed lines when confirmed only");
    eq(await page.locator("#edges-table tr.uncertain").count(), 0, "unconfirmed rows when confirmed only");
    await screenshot(page, "explorer-network-confirmed.png", { fullPage: false });

    // The path finder, on the whole network: each step as the API gives it,
    // unconfirmed steps marked; with its own toggle, confirmed steps only.
    await page.locator("#network-confirmed").uncheck();
    await page.waitForURL((u) => !u.search.includes("confirmed=1"));
    const pair = ["driscoll", "dmitriev"];
    const PATHS = `query($a: ID!, $b: ID!, $f: EventFilter) { paths(from: $a, to: $b, filter: $f, maxHops: 4, first: 5) { actors { id } steps { event { id } certainty } certainty } }`;
    const check = async (certainty, what) => {
      const { paths } = await api(PATHS, { a: pair[0], b: pair[1], f: { dates, ...(certainty ? { certainty } : {}) } });
      if (paths.length === 0) {
        await page.locator(".path-result .note").waitFor();
        return;
      }
      await page.locator(".path-steps").first().waitFor();
      const got = await page.locator(".path-steps").evaluateAll((ols) =>
        ols.map((ol) => [...ol.querySelectorAll(".path-event")].map((li) => ({ event: li.querySelector("a").getAttribute("href").slice(7), uncertain: li.classList.contains("uncertain"), text: li.textContent }))),
      );
      eq(got.map((p) => p.map((s) => s.event)), paths.map((p) => p.steps.map((s) => s.event.id)), `${what}: steps`);
      paths.forEach((p, i) =>
        p.steps.forEach((s, j) => {
          eq(got[i][j].uncertain, s.certainty !== "CONFIRMED", `${what}: step ${j} marked`);
          if (s.certainty !== "CONFIRMED") assert(got[i][j].text.includes(certaintyWord[s.certainty]), `${what}: step ${j} says ${got[i][j].text}`);
        }),
      );
    };
    await page.selectOption("#path-from", pair[0]);
    await page.selectOption("#path-to", pair[1]);
    await page.getByRole("button", { name: "Show path" }).click();
    await page.waitForURL(/path=/);
    await check(null, "all links");
    await page.locator("#path-confirmed").check();
    await page.waitForURL(/path-confirmed=1/);
    await page.waitForTimeout(300);
    await page.waitForFunction(() => !document.querySelector(".path-result .loading"));
    await check("CONFIRMED", "confirmed path");
    await page.context().close();
  });

  test("network: hover cards for actors and links, also from the tables by keyboard", async () => {
    const page = await newPage({ width: 1280, height: 1150 });
    const canvas = await openNetwork(page, "from=2025-10-01&to=2025-11-30");
    const net = await networkOf({ dates: { from: "2025-10-01", to: "2025-11-30" } });
    const trump = net.nodes.find((n) => n.actor.id === "trump");
    const tp = net.edges.find((e) => edgeKey(e.source.id, e.target.id) === "putin--trump");
    const card = page.locator(".hover-card");
    const pos = JSON.parse(await canvas.getAttribute("data-positions"));
    const box = await canvas.boundingBox();
    await page.mouse.move(box.x + pos.trump[0], box.y + pos.trump[1]);
    await card.waitFor({ state: "visible" });
    let text = await card.textContent();
    assert(text.includes(trump.actor.name) && text.includes("Person") && text.includes(`${trump.eventCount} events`), `node card: ${text}`);
    await page.mouse.move(box.x + 2, box.y + 2);
    await card.waitFor({ state: "hidden" });
    await page.mouse.move(box.x + (pos.trump[0] + pos.putin[0]) / 2, box.y + (pos.trump[1] + pos.putin[1]) / 2);
    await card.waitFor({ state: "visible" });
    text = await card.textContent();
    assert(text.includes("Vladimir Putin") && text.includes("Donald Trump") && text.includes(`${tp.weight} shared events`), `edge card: ${text}`);
    for (const ev of tp.events) assert(text.includes(ev.title) && text.includes(ev.date.display), `edge card lacks ${ev.title} and its date: ${text}`);
    await page.mouse.move(box.x + 2, box.y + 2);
    await card.waitFor({ state: "hidden" });
    // By keyboard: focus the link's row in the table.
    await page.locator('#edges-table tr[data-edge="putin--trump"] th button').focus();
    await card.waitFor({ state: "visible" });
    text = await card.textContent();
    assert(text.includes(`${tp.weight} shared events`) && text.includes(certaintyWord[tp.certainty] ?? "confirmed"), `row card: ${text}`);
    eq(await page.locator('#edges-table tr[data-edge="putin--trump"]').getAttribute("aria-describedby"), await card.getAttribute("id"), "row described by the card");
    await page.keyboard.press("Escape");
    await card.waitFor({ state: "hidden" });
    await page.locator('#actors-table tr[data-actor="trump"] th a').focus();
    await card.waitFor({ state: "visible" });
    assert((await card.textContent()).includes(trump.actor.name), "actor row card");
    await page.context().close();
  });

  test("network: filters by kind of actor and by chosen actors, kept in the URL", async () => {
    const page = await newPage();
    await openNetwork(page, "from=2025-10-01&to=2025-11-30");
    const net = await networkOf({ dates: { from: "2025-10-01", to: "2025-11-30" } });
    const kindOf = new Map(net.nodes.map((n) => [n.actor.id, n.actor.kind]));
    await page.locator(".kind-filter .chip", { hasText: "Person" }).locator("input").check();
    await page.waitForURL(/kinds=person/);
    const persons = net.nodes.filter((n) => n.actor.kind === "PERSON");
    const personEdges = net.edges.filter((e) => kindOf.get(e.source.id) === "PERSON" && kindOf.get(e.target.id) === "PERSON");
    let got = await shown(page);
    eq(got.actors, sorted(persons.map((n) => n.actor.id)), "people only: actors");
    eq(got.edges, sorted(personEdges.map((e) => edgeKey(e.source.id, e.target.id))), "people only: links");
    eq(got.nodesDrawn, persons.length, "people only: drawn");
    await page.locator(".kind-filter .chip", { hasText: "Person" }).locator("input").uncheck();

    // Keep two actors, found with the picker's search box.
    const lr = net.edges.find((e) => edgeKey(e.source.id, e.target.id) === "lavrov--rubio");
    assert(lr, "no Lavrov-Rubio link in October-November");
    await page.locator(".actor-picker summary").click();
    for (const name of ["Lavrov", "Rubio"]) {
      await page.locator("#actor-picker-find").fill(name);
      await page.locator("#actor-picker-list label", { hasText: name }).locator("input").check();
    }
    await page.waitForURL(/keep=lavrov(%2C|,)rubio/);
    got = await shown(page);
    eq(got.actors, ["lavrov", "rubio"], "kept actors");
    eq(got.edges, ["lavrov--rubio"], "kept links");
    const again = await openNetwork(page, page.url().split("?")[1]);
    eq(await again.getAttribute("data-nodes"), "2", "kept actors after reload");
    await page.context().close();
  });

  test("network: the time slider plays week by week from one answer, by keyboard too", async () => {
    const page = await newPage({ width: 1280, height: 1150 });
    const canvas = await openNetwork(page, "from=2025-10-01&to=2025-11-30");
    const net = await networkOf({ dates: { from: "2025-10-01", to: "2025-11-30" } });
    let asked = 0;
    page.on("request", (r) => {
      if (r.url().endsWith("/graphql")) asked++;
    });
    const upTo = (end) => {
      const edges = net.edges.filter((e) => e.events.some((ev) => ev.date.earliest <= end));
      return {
        edges: sorted(edges.map((e) => edgeKey(e.source.id, e.target.id))),
        events: sorted(new Set(edges.flatMap((e) => e.events.filter((ev) => ev.date.earliest <= end).map((ev) => ev.id)))),
      };
    };
    const weekEnd = (monday) => new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86400000).toISOString().slice(0, 10);
    const range = page.locator("#week-range");
    await range.focus();
    await page.keyboard.press("Home");
    await page.waitForURL(/week=/);
    for (let step = 0; step < 4; step++) {
      const monday = new URL(page.url()).searchParams.get("week");
      const want = upTo(weekEnd(monday));
      const got = await shown(page);
      eq(got.edges, want.edges, `links up to the week of ${monday}`);
      eq(got.events, want.events, `events up to the week of ${monday}`);
      eq(got.edgesDrawn, want.edges.length, `links drawn up to the week of ${monday}`);
      const label = await page.locator(".week-label").textContent();
      assert(label.includes("Week of"), `slider label: ${label}`);
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction((m) => new URL(location.href).searchParams.get("week") !== m, monday);
    }
    assert(Number(await canvas.getAttribute("data-edges")) < net.edges.length, "the slider shows the whole period too early");
    await screenshot(page, "explorer-time-slider.png", { fullPage: false });
    // Play moves on by itself; pause stops it.
    const before = new URL(page.url()).searchParams.get("week");
    await page.locator(".time-slider button.play").click();
    await page.waitForFunction((m) => new URL(location.href).searchParams.get("week") !== m, before, { timeout: 5000 });
    await page.locator(".time-slider button.play", { hasText: "Pause" }).click();
    const paused = new URL(page.url()).searchParams.get("week");
    await page.waitForTimeout(1200);
    eq(new URL(page.url()).searchParams.get("week"), paused, "week after pausing");
    await range.focus();
    await page.keyboard.press("End");
    await page.waitForFunction(() => !new URL(location.href).searchParams.has("week"));
    sameAs(await shown(page), expected(net), "slider at the end");
    eq(asked, 0, "requests while sliding and playing");
    await page.context().close();

    const phone = await newPage({ width: 375, height: 812 });
    await openNetwork(phone, "from=2025-10-01&to=2025-11-30");
    await phone.locator("#week-range").focus();
    await phone.keyboard.press("Home");
    for (let i = 0; i < 3; i++) await phone.keyboard.press("ArrowRight");
    await phone.waitForURL(/week=/);
    await phone.locator(".time-slider").evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 60));
    await phone.waitForTimeout(200);
    await screenshot(phone, "explorer-time-slider-phone.png", { fullPage: false });
    await phone.context().close();
  });

  test("network: PNG downloads at publication sizes and an SVG, each with a source line", async () => {
    const page = await newPage();
    await openNetwork(page, "from=2025-10-01&to=2025-11-30");
    const grab = async (name) => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
      return readFileSync(await download.path());
    };
    for (const [w, hh] of [
      [1200, 800],
      [2400, 1600],
    ]) {
      const png = await grab(`PNG ${w}×${hh}`);
      eq([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(""), "PNG", "PNG signature");
      eq([png.readUInt32BE(16), png.readUInt32BE(20)], [w, hh], "PNG size");
    }
    const svg = (await grab("SVG")).toString("utf8");
    assert(/^<svg[^>]*width="1200"[^>]*height="800"/.test(svg), `SVG root: ${svg.slice(0, 200)}`);
    const today = new Date();
    assert(svg.includes("diplograph · as of") && svg.includes(String(today.getUTCFullYear())) && svg.includes("1 Oct 2025 – 30 Nov 2025"), "SVG source line");
    assert(svg.includes("Donald Trump") && /<path|<circle|<ellipse/.test(svg), "SVG lacks the drawing");
    // The SVG is well-formed; it names every actor of the view, draws every
    // label the view draws (each its actor's name, wrapped into lines), one
    // line a link, and dashes the unconfirmed links.
    const net = await networkOf({ dates: { from: "2025-10-01", to: "2025-11-30" } });
    const drawn = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "image/svg+xml");
      const error = doc.querySelector("parsererror");
      if (error) return { error: error.textContent };
      return {
        nodes: [...doc.querySelectorAll("g.node")].map((g) => ({
          name: g.querySelector("title")?.textContent ?? "",
          label: [...g.querySelectorAll("text tspan")].map((t) => t.textContent.trim()).join(" "),
        })),
        lines: doc.querySelectorAll("line").length,
        dashed: doc.querySelectorAll("line[stroke-dasharray]").length,
        onScreen: Object.keys(JSON.parse(document.querySelector(".network-canvas").dataset.labels || "{}")),
      };
    }, svg);
    assert(!drawn.error, `SVG is not well-formed XML: ${drawn.error}`);
    const names = new Map(net.nodes.map((n) => [n.actor.id, n.actor.name]));
    eq(sorted(drawn.nodes.map((n) => n.name)), sorted(names.values()), "actors named in the SVG");
    for (const n of drawn.nodes) if (n.label) eq(n.label, n.name.replace(/\s+/g, " "), "SVG label");
    const labelled = new Set(drawn.nodes.filter((n) => n.label).map((n) => n.name));
    for (const id of drawn.onScreen) assert(labelled.has(names.get(id)), `the view labels ${names.get(id)}, the SVG does not`);
    eq(drawn.lines, net.edges.length, "links drawn in the SVG");
    const unconfirmed = net.edges.filter((e) => e.certainty !== "CONFIRMED").length;
    assert(unconfirmed > 0, "no unconfirmed link in October-November");
    eq(drawn.dashed, unconfirmed, "dashed links in the SVG");
    await page.context().close();
  });
}
