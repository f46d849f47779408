// Chronology by what is known: the event page's Previous and Next are only
// events the dates put certainly before and after, the others are listed as
// "Around the same time", and counterparts' First and Last never contradict.
export default function ({ test, newPage, assert, base }) {
  test("Geneva's neighbours are certain; the ISW report of November is 'around the same time'", async () => {
    const page = await newPage();
    await page.goto(`${base}/event/talks-2025-11-23-geneva`);
    await page.locator("h1", { hasText: "US-Ukrainian talks in Geneva" }).waitFor();
    const prev = (await page.locator(".pager-prev").textContent()) ?? "";
    assert(!prev.includes("ISW"), `Previous is the ISW report dated only to November: ${prev}`);
    const around = page.locator("section.overlapping");
    await around.waitFor();
    const text = (await around.textContent()) ?? "";
    assert(text.includes("ISW reports the plan narrowed to 19 points"), `"Around the same time" lacks the ISW report: ${text}`);
    assert(text.includes("do not say which came first"), `the section does not say why: ${text}`);
    await page.context().close();
  });

  test("counterparts' First is never later than their Last", async () => {
    const page = await newPage();
    await page.goto(`${base}/actor/witkoff`);
    const rows = page.locator("#counterparts-title + .table-wrap tbody tr");
    await rows.first().waitFor();
    // The API's dates, not the page's wording: first.earliest <= last.earliest
    // and first.latest <= last.latest for every counterpart.
    const res = await page.evaluate(async () => {
      const r = await fetch("/graphql", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ query: `{ actor(id: "witkoff") { counterparts(first: 50) { actor { id } first { earliest latest display } last { earliest latest display } } } }` }),
      });
      return r.json();
    });
    const list = res.data.actor.counterparts;
    assert(list.length > 0, "Witkoff has no counterparts");
    for (const c of list) {
      assert(c.first.earliest <= c.last.earliest && c.first.latest <= c.last.latest,
        `${c.actor.id}: First ${c.first.display} comes after Last ${c.last.display}`);
    }
    await page.context().close();
  });
}
