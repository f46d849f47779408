// The server side of pages and publishing: each view's own head (title,
// Open Graph tags, oEmbed discovery), oEmbed for every view, and exports
// pinned to a day.
export default function ({ test, newPage, assert, eq, base }) {
  // The head as the server wrote it: the app sets document.title as it
  // draws, but leaves the meta and link tags alone.
  async function head(page) {
    return page.evaluate(() => {
      const meta = (sel) => document.querySelector(sel)?.getAttribute("content") ?? null;
      const link = document.querySelector('link[rel="alternate"][type="application/json+oembed"]');
      return {
        description: meta('meta[name="description"]'),
        ogTitle: meta('meta[property="og:title"]'),
        ogDescription: meta('meta[property="og:description"]'),
        ogType: meta('meta[property="og:type"]'),
        ogUrl: meta('meta[property="og:url"]'),
        ogSite: meta('meta[property="og:site_name"]'),
        oembed: link?.getAttribute("href") ?? null,
        oembedTitle: link?.getAttribute("title") ?? null,
        descriptions: document.querySelectorAll('meta[name="description"]').length,
      };
    });
  }

  test("a view's page names it in its head, and its oEmbed discovery link embeds it", async () => {
    const page = await newPage();
    await page.goto(`${base}/actor/witkoff?asOf=2025-11-01`);
    await page.locator("h1", { hasText: "Steve Witkoff" }).waitFor();
    const h = await head(page);
    eq(h.ogTitle, "Steve Witkoff · diplograph", "og:title");
    eq(h.ogUrl, `${base}/actor/witkoff?asOf=2025-11-01`, "og:url");
    eq(h.ogSite, "diplograph", "og:site_name");
    eq(h.descriptions, 1, "description tags");
    assert(h.description && h.description === h.ogDescription, `description ${h.description} / ${h.ogDescription}`);
    assert(h.oembed, "no oEmbed discovery link");
    const link = new URL(h.oembed);
    eq(link.origin + link.pathname, `${base}/oembed`, "oEmbed endpoint");
    eq(link.searchParams.get("url"), `${base}/actor/witkoff?asOf=2025-11-01`, "oEmbed url");
    const res = await page.request.get(h.oembed);
    eq(res.status(), 200, "GET oEmbed");
    const o = await res.json();
    eq(o.title, "diplograph actor: Steve Witkoff, as of 1 November 2025", "oEmbed title");
    eq(o.title, h.oembedTitle, "the link's title");
    const src = new URL(o.html.match(/src="([^"]+)"/)[1].replaceAll("&amp;", "&"));
    eq(src.pathname, "/embed/actor/witkoff", "embed path");
    eq(src.searchParams.get("asOf"), "2025-11-01", "embed asOf");
    // The embed is a page of its own, with its own head.
    await page.goto(src.href);
    eq((await head(page)).ogTitle, "Steve Witkoff · diplograph", "embed og:title");
    await page.context().close();
  });

  test("an event's page is named by its title; an unknown id gets a generic head and no oEmbed link", async () => {
    const page = await newPage();
    const res = await page.goto(`${base}/event/talks-2025-11-23-geneva`);
    eq(res.status(), 200, "event page");
    let h = await head(page);
    assert(h.ogTitle.endsWith(" · diplograph") && h.ogTitle.toLowerCase().includes("geneva"), `og:title ${h.ogTitle}`);
    eq(h.ogType, "article", "og:type");
    assert(h.oembed, "no oEmbed link on an event page");
    // Read as a link preview reads it, without running the app (which
    // reports the unknown id as an error).
    const unknown = await (await page.request.get(`${base}/event/no-such-event`)).text();
    assert(unknown.includes('<meta property="og:title" content="diplograph explorer">'), "unknown event's og:title is not the generic one");
    assert(!unknown.includes("application/json+oembed"), "an oEmbed link for an unknown event");
    const o = await page.request.get(`${base}/oembed?format=json&url=${encodeURIComponent(`${base}/event/no-such-event`)}`);
    eq(o.status(), 404, "oEmbed for an unknown event");
    await page.context().close();
  });

  test("oEmbed titles timelines with names and answers within maxheight", async () => {
    const page = await newPage();
    const view = `${base}/timeline?actors=witkoff,dmitriev&from=2025-10-01&to=2025-11-30`;
    const res = await page.request.get(`${base}/oembed?format=json&maxwidth=400&maxheight=150&url=${encodeURIComponent(view)}`);
    eq(res.status(), 200, "oEmbed");
    const o = await res.json();
    eq(o.title, "diplograph timeline: Steve Witkoff, Kirill Dmitriev, 1 Oct 2025 – 30 Nov 2025", "title");
    assert(o.width <= 400 && o.height <= 150, `answered ${o.width}x${o.height} for at most 400x150`);
    const other = await page.request.get(`${base}/oembed?format=json&url=${encodeURIComponent("https://example.org/network")}`);
    eq(other.status(), 404, "oEmbed for another site's URL");
    await page.context().close();
  });

  test("an export pinned to 1 November 2025 leaves out the Geneva talks of 23 November", async () => {
    const page = await newPage();
    const geneva = "talks-2025-11-23-geneva";
    const pinned = await page.request.get(`${base}/export?format=events-csv&asOf=2025-11-01`);
    eq(pinned.status(), 200, "pinned export");
    eq(pinned.headers()["content-disposition"], 'attachment; filename="diplograph-events.csv"', "file name");
    const rows = (await pinned.text()).split("\n");
    assert(rows[0].startsWith("id,title,type,status,modality,date,earliest_day,latest_day"), `header ${rows[0]}`);
    assert(rows.length > 2, "the pinned export is empty");
    assert(!rows.some((r) => r.startsWith(geneva + ",")), "the pinned export lists the Geneva talks");
    const now = await (await page.request.get(`${base}/export?format=events-csv`)).text();
    assert(now.split("\n").some((r) => r.startsWith(geneva + ",")), "the unpinned export lacks the Geneva talks");
    const gexf = await (await page.request.get(`${base}/export?format=gexf&asOf=2025-11-01`)).text();
    assert(gexf.includes('mode="dynamic"') && gexf.includes('timeformat="date"') && !gexf.includes(geneva), "pinned dynamic GEXF");
    await page.context().close();
  });
}
