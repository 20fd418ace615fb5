import assert from "node:assert/strict";
import { browserTest } from "@/tests/helpers/browser.ts";

browserTest(
  "the theme switch hydrates, flips the theme on click and is remembered",
  async ({ url, browser }) => {
    const page = await browser.newPage({ colorScheme: "light" });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(url + "/");
    await page.waitForFunction(() => document.querySelector("[data-island][data-hydrated]"));
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lightBackground = await background();
    await page.click(".theme-toggle button");
    assert.equal(await page.getAttribute("html", "data-theme"), "dark");
    assert.notEqual(await background(), lightBackground, "the page actually turned dark");
    assert.equal(
      await page.getAttribute(".theme-toggle button", "aria-label"),
      "Switch to light theme",
    );
    // No navigation happened: the island handled the click.
    assert.equal(page.url(), url + "/");
    // Remembered across visits: a new load renders dark from the server.
    const response = await page.goto(url + "/?again");
    assert.match(await response!.text(), /<html lang="en" data-theme="dark">/);
    assert.notEqual(await background(), lightBackground);
    assert.deepEqual(errors, []);
  },
);

browserTest("a page without islands loads no script", async ({ url, browser }) => {
  const page = await browser.newPage();
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(r.url());
  });
  const response = await page.goto(url + "/no-such-page");
  assert.equal(response!.status(), 404);
  await page.waitForLoadState("networkidle");
  assert.equal(scripts.length, 0, `scripts loaded: ${scripts.join(", ")}`);
  assert.equal(await page.locator("script").count(), 0);

  // The same recording does see the scripts of a page with an island.
  await page.goto(url + "/");
  await page.waitForLoadState("networkidle");
  assert.ok(scripts.some((s) => s.includes("/_build/ThemeToggle-")), scripts.join());
});
