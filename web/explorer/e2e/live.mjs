// Live updates: when the graph changes (a load by another process), the
// timeline and the network, and their embeds, draw it again by themselves,
// without a reload, and keep the reader's place: the zoom, the viewport,
// the selection, the focus and the page's scroll. A polite status says so.
//
// The Go test changes the graph when asked: POST {other}/retitle?event=ID&title=T
// loads the fixtures with that event retitled, and without a title as they are.
export default function ({ test, newPage, screenshot, assert, eq, base, other }) {
  const EVENT = "call-2025-10-16-trump-putin";
  const OLD = "Trump-Putin call of 16 October 2025";
  const NEW = "Trump-Putin call of 16 October 2025 on Tomahawks and Budapest";
  // Node asks the Go test's server itself, on the address it listens on.
  const control = other.replace("localhost", "127.0.0.1");

  async function retitle(title) {
    const q = new URLSearchParams({ event: EVENT });
    if (title) q.set("title", title);
    const res = await fetch(`${control}/retitle?${q}`, { method: "POST" });
    assert(res.ok, `retitle: ${res.status} ${await res.text()}`);
  }

  /** Waits until the page's view follows the graph's changes. */
  async function following(page, scope = "") {
    await page.locator(`${scope} .live-note[data-live="on"]`).waitFor({ state: "attached" });
  }

  async function noteText(page) {
    const note = page.locator(".live-note").first();
    await page.waitForFunction(() => /Updated with the latest changes/.test(document.querySelector(".live-note")?.textContent ?? ""));
    return (await note.textContent()).trim();
  }

  /** Records the subscription's messages, to tell why a status lacks its counts. */
  function recordFrames(page) {
    const frames = [];
    page.on("websocket", (ws) => ws.on("framereceived", (f) => !/"p[io]ng"/.test(String(f.payload)) && frames.push(String(f.payload).slice(0, 300))));
    return frames;
  }

  /**
   * The status after one retitle: it counts the event, unless the server
   * said only that the graph changed (a record no longer kept, a
   * reconnection), in which case it counts nothing rather than guess.
   */
  function oneEvent(text, frames, what) {
    assert(/^Updated with the latest changes( \(1 event\))?$/.test(text), `${what}: ${text}`);
    if (!text.endsWith("(1 event)")) console.log(`     note: ${what} without counts; messages: ${frames.join(" | ")}`);
  }

  /** Where the reader is on the timeline: the axis, where each item begins, the selection, the scroll. */
  const timelinePlace = (page) =>
    page.evaluate(() => {
      const canvas = document.querySelector(".timeline-canvas");
      const left = (el) => Math.round(el.getBoundingClientRect().left);
      return {
        axis: [...canvas.querySelectorAll(".vis-time-axis.vis-foreground .vis-text")].map((el) => `${el.textContent}@${left(el)}`).join(" "),
        items: [...canvas.querySelectorAll(".vis-item")].map(left).sort((a, b) => a - b).join(","),
        selected: [...canvas.querySelectorAll(".vis-item.vis-selected .tl-title")].map((el) => el.textContent.startsWith("Trump-Putin call of 16 October")).join(","),
        scrollY: Math.round(window.scrollY),
        url: location.pathname + location.search,
      };
    });

  test("live: the timeline and its embed show a change to the graph without a reload, and keep the reader's zoom, selection, focus and scroll", async () => {
    const page = await newPage({ width: 1280, height: 900 });
    const embed = await newPage({ width: 800, height: 420 });
    const frames = recordFrames(page);
    try {
      await page.goto(`${base}/timeline?from=2025-10-01&to=2025-11-30`);
      await page.locator(".timeline-canvas .vis-item", { hasText: OLD }).first().waitFor();
      await embed.goto(`${base}/embed/timeline?from=2025-10-01&to=2025-11-30`);
      await embed.locator(".embed-chart .vis-item", { hasText: OLD }).first().waitFor();
      await following(page);
      await following(embed);
      await page.evaluate(() => (window.__notReloaded = true));
      await embed.evaluate(() => (window.__notReloaded = true));

      // The reader's place: the call selected, zoomed in and moved, the page
      // scrolled to the drawing (its toolbar under the sticky header), the
      // focus on the drawing.
      await page.locator(".timeline-canvas .vis-item", { hasText: OLD }).first().click();
      await page.waitForURL(/event=call-2025-10-16-trump-putin/);
      await page.locator(".event-card h3", { hasText: OLD }).waitFor();
      // vis-timeline animates the zoom and the move: one after the other.
      await page.locator('.chart-toolbar button[aria-label="Zoom in"]').click();
      await page.waitForTimeout(700);
      await page.locator('.chart-toolbar button[aria-label="Move earlier"]').click();
      await page.waitForTimeout(700);
      await page.locator(".timeline-canvas").focus();
      await page.evaluate(() => window.scrollTo(0, document.querySelector(".chart-panel").getBoundingClientRect().top + window.scrollY - 72));
      await page.waitForTimeout(300);
      const before = await timelinePlace(page);
      assert(before.selected === "true" && before.scrollY > 0, `the place to keep: selected ${before.selected}, scrolled ${before.scrollY}`);
      eq(await page.locator(".live-note").textContent(), "", "the status before any change");

      await retitle(NEW);
      await page.locator(".timeline-canvas .vis-item", { hasText: NEW }).first().waitFor();
      await page.locator(".event-card h3", { hasText: NEW }).waitFor();
      await page.locator(".events-table", { hasText: NEW }).waitFor();
      await embed.locator(".embed-chart .vis-item", { hasText: NEW }).first().waitFor();
      oneEvent(await noteText(page), frames, "the status");
      const note = page.locator(".live-note");
      eq([await note.getAttribute("role"), await note.getAttribute("aria-live")], ["status", "polite"], "the status is polite");
      await page.waitForTimeout(300);
      const after = await timelinePlace(page);
      eq(after, before, "the reader's place on the timeline");
      assert(await page.evaluate(() => window.__notReloaded === true && document.activeElement?.classList.contains("timeline-canvas")), "the page reloaded or the focus moved");
      assert(await embed.evaluate(() => window.__notReloaded === true), "the embed reloaded");
      assert((await noteText(embed)).startsWith("Updated with the latest changes"), "the embed's status");
      await screenshot(page, "explorer-live-refresh.png", { fullPage: false });

      // And back: the same status is said again, for the second change.
      await retitle(null);
      await page.locator(".event-card h3", { hasText: OLD }).waitFor();
      await embed.locator(".embed-chart .vis-item", { hasText: OLD }).first().waitFor();
      oneEvent(await noteText(page), frames, "the status after the second change");
      eq(await timelinePlace(page), before, "the reader's place after the second change");
    } finally {
      // Other tests expect the fixtures' titles.
      await retitle(null).catch(() => {});
      await page.context().close();
      await embed.context().close();
    }
  });

  test("live: without subscriptions (UNAVAILABLE) the timeline and the network work as before, and say nothing", async () => {
    const plain = process.env.DIPLOGRAPH_E2E_PLAIN;
    assert(plain, "DIPLOGRAPH_E2E_PLAIN is not set (the Go test e2e/e2e_test.go sets it)");
    const page = await newPage();
    try {
      const frames = [];
      page.on("websocket", (ws) => ws.on("framereceived", (f) => frames.push(String(f.payload))));
      await page.goto(`${plain}/timeline?from=2025-10-01&to=2025-11-30`);
      await page.locator(".timeline-canvas .vis-item", { hasText: OLD }).first().waitFor();
      await page.locator('.live-note[data-live="off"]').waitFor({ state: "attached" });
      assert(frames.some((f) => f.includes("UNAVAILABLE")), `the server did not refuse the subscription: ${frames.join(" ")}`);
      eq(await page.locator(".live-note").textContent(), "", "the status");
      // The network still draws and answers a click.
      await page.goto(`${plain}/network?from=2025-10-01&to=2025-11-30`);
      await page.locator('#edges-table tr[data-edge="putin--trump"] th button').click();
      await page.waitForURL(/edge=putin--trump/);
      await page.locator('.live-note[data-live="off"]').waitFor({ state: "attached" });
    } finally {
      await page.context().close();
    }
  });

  /** Where the reader is on the network: the zoom, the actors' places, the selection, the URL. */
  const networkPlace = (page, selector = ".network-canvas") =>
    page.evaluate((selector) => {
      const c = document.querySelector(selector);
      return { zoom: c.dataset.zoom, positions: c.dataset.positions, selected: c.dataset.selected ?? "", url: location.pathname + location.search };
    }, selector);

  test("live: the network and its embed show a change to the graph without a reload, and keep the viewport, selection, expansion and focus", async () => {
    const page = await newPage({ width: 1280, height: 1150 });
    const embed = await newPage({ width: 800, height: 520 });
    const frames = recordFrames(page);
    try {
      await page.goto(`${base}/network?from=2025-10-01&to=2025-11-30&actors=witkoff`);
      await page.waitForFunction(() => {
        const c = document.querySelector(".network-canvas");
        return c && c.dataset.positions && document.querySelector("#edges-table") && !c.hasAttribute("aria-busy");
      });
      await embed.goto(`${base}/embed/network?from=2025-10-01&to=2025-11-30`);
      await embed.locator(".embed-chart[data-positions]").waitFor({ state: "attached" });
      await following(page);
      await following(embed);
      await page.evaluate(() => (window.__notReloaded = true));

      // Witkoff's neighbourhood; expand Trump (his partners join it), then
      // pick the Trump-Putin link in the table and zoom in.
      const canvas = page.locator(".network-canvas");
      const nodesBefore = Number(await canvas.getAttribute("data-nodes"));
      await page.locator('#actors-table tr[data-actor="trump"] button').click();
      await page.waitForURL(/expand=trump/);
      await page.waitForFunction((n) => Number(document.querySelector(".network-canvas").dataset.nodes) > n, nodesBefore);
      const row = page.locator('#edges-table tr[data-edge="putin--trump"] th button');
      await row.click();
      await page.waitForURL(/edge=putin--trump/);
      await page.locator(".selection .event-list", { hasText: OLD }).waitFor();
      const zoomBefore = await canvas.getAttribute("data-zoom");
      await page.locator('.chart-toolbar button[aria-label="Zoom in"]').click();
      await page.waitForFunction((z) => document.querySelector(".network-canvas").dataset.zoom !== z, zoomBefore);
      await row.focus();
      await page.waitForTimeout(200);
      const before = await networkPlace(page);
      eq(before.selected, "putin--trump", "the link selected");
      const embedBefore = await networkPlace(embed, ".embed-chart");

      await retitle(NEW);
      await page.locator(".selection .event-list", { hasText: NEW }).waitFor();
      await page.locator("#edges-table", { hasText: NEW }).waitFor();
      await embed.waitForFunction((t) => document.querySelector(".embed-root table")?.textContent.includes(t), NEW);
      oneEvent(await noteText(page), frames, "the status");
      await page.waitForTimeout(200);
      eq(await networkPlace(page), before, "the reader's place on the network");
      eq(await networkPlace(embed, ".embed-chart"), embedBefore, "the place on the embedded network");
      assert(await page.evaluate(() => window.__notReloaded === true), "the page reloaded");
      // The table was drawn again; the focus is on the same link's button.
      eq(await page.evaluate(() => document.activeElement?.closest("tr")?.dataset.edge ?? document.activeElement?.tagName), "putin--trump", "the focus");
    } finally {
      await retitle(null).catch(() => {});
      await page.context().close();
      await embed.context().close();
    }
  });
}
