// Embeds keep every filter of the view they were made from.
export default function ({ test, newPage, screenshot, assert, eq, base }) {
  test("a confirmed-only network embed shows only confirmed links", async () => {
    const page = await newPage();
    const api = async (certainty) => {
      const r = await page.request.post(`${base}/graphql`, {
        data: {
          query: `query($f: NetworkFilter) { network(filter: $f) { edges { source { id } } } }`,
          variables: { f: { dates: { from: "2025-10-01", to: "2025-11-30" }, ...(certainty ? { certainty } : {}) } },
        },
      });
      return (await r.json()).data.network.edges.length;
    };
    const all = await api(null);
    const confirmed = await api("CONFIRMED");
    assert(confirmed < all, `the data should have unconfirmed links: ${confirmed} confirmed of ${all}`);
    await page.goto(`${base}/embed/network?from=2025-10-01&to=2025-11-30&confirmed=1`);
    const chart = page.locator('[role="img"][aria-label^="Network of"]');
    await chart.waitFor();
    const label = await chart.getAttribute("aria-label");
    const links = Number(/and (\d+) links?/.exec(label)?.[1]);
    eq(links, confirmed, `links in ${label}`);
    await page.context().close();

    // The same view on a phone, in the explorer.
    const phone = await newPage({ width: 375, height: 812 });
    await phone.goto(`${base}/network?from=2025-10-01&to=2025-11-30&confirmed=1`);
    await phone.waitForFunction(() => { const c = document.querySelector(".network-canvas"); return c && c.dataset.positions && document.querySelector("#edges-table") && !c.hasAttribute("aria-busy"); });
    const rows = await phone.locator("#edges-table tbody tr").count();
    eq(rows, confirmed, "links listed on a phone");
    await screenshot(phone, "explorer-network-confirmed-phone.png", { fullPage: false });
    await phone.context().close();
  });
}
