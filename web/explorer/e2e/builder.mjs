// The "Embed this view" builder is on every view that has an embed: actor,
// event and plan pages as well as the network and timeline.
export default function ({ test, newPage, assert, base }) {
  test("actor, event and plan pages offer embed code pinned to the day of publication", async () => {
    const page = await newPage();
    for (const [view, embed] of [
      ["/actor/witkoff", "/embed/actor/witkoff"],
      ["/event/talks-2025-11-23-geneva", "/embed/event/talks-2025-11-23-geneva"],
      ["/plan/us-russia-ukraine-peace-plan", "/embed/plan/us-russia-ukraine-peace-plan"],
    ]) {
      await page.goto(`${base}${view}`);
      await page.locator("h1").first().waitFor();
      const builder = page.locator("details.embed");
      await builder.locator("summary").click();
      await builder.locator('input[type="date"]').fill("2025-11-01");
      const code = await builder.locator("textarea.embed-code").inputValue();
      const src = /src="([^"]+)"/.exec(code)?.[1]?.replace(/&amp;/g, "&");
      assert(src && new URL(src).pathname === embed && new URL(src).searchParams.get("asOf") === "2025-11-01", `${view}: embed code ${code}`);
      // The code's address is an embed this server serves.
      const res = await page.request.get(src);
      assert(res.status() === 200, `${src}: ${res.status()}`);
    }
    await page.context().close();
  });
}
