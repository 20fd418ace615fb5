/**
 * Shared mode in real Chromium with a virtual authenticator (the DevTools protocol's WebAuthn
 * domain): viewer A signs up with a passkey, signs out and in again, and records a viewing
 * with the fake camera; viewer B, signed up on another authenticator, sees neither it nor its
 * id on any page, and gets 404 from its API URLs.
 */
import assert from "node:assert/strict";
import type { BrowserContext, Page } from "playwright-core";
import { browserTest } from "@/tests/helpers/browser.ts";
import { testApp } from "@/tests/helpers/app.ts";
import {
  fastFilm,
  fixtures,
  LAPTOP,
  pickFilm,
  setRate,
  startWatching,
  viewingId,
  withFilm,
} from "@/tests/helpers/watch.ts";

/** A page of `context` with a platform passkey authenticator of its own. */
async function withAuthenticator(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  return page;
}

async function signUp(page: Page, site: string, name: string): Promise<void> {
  await page.goto(`${site}/sign-up`);
  await page.waitForSelector(".passkey-form [data-hydrated]", { state: "attached" }).catch(
    () => {},
  );
  await page.fill("input[name=name]", name);
  await page.getByRole("button", { name: "Make my account with a passkey" }).click();
  await page.waitForURL(`${site}/`, { timeout: 30_000 });
  assert.equal(await page.textContent(".site-header__account"), "Account", "signed in");
}

browserTest(
  "viewers: sign up and in with a passkey, record as A; B sees neither the viewing nor its id",
  async ({ url, browser }) => {
    // A passkey's relying party is a domain name, never an IP address.
    const site = url.replace("127.0.0.1", "localhost");
    await withFilm(browser, fastFilm(20), async (contextA, film) => {
      const a = await withAuthenticator(contextA);
      const errors: string[] = [];
      a.on("pageerror", (e) => errors.push(e.message));
      await signUp(a, site, "Ana");

      // Signing out and in again with the same passkey.
      await a.goto(`${site}/account`);
      await a.getByRole("button", { name: "Sign out", exact: true }).click();
      await a.waitForURL(`${site}/`).catch(async (error) => {
        throw new Error(`${error.message}\n${a.url()}\n${(await a.content()).slice(0, 3000)}`);
      });
      assert.equal(await a.textContent(".site-header__account"), "Sign in", "signed out");
      await a.goto(`${site}/sign-in`);
      await a.getByRole("button", { name: "Sign in with a passkey" }).click();
      await a.waitForURL(`${site}/`, { timeout: 30_000 }).catch(async (error) => {
        throw new Error(`${error.message}\n${await a.textContent(".passkey-form [role=status]")}`);
      });
      assert.equal(await a.textContent(".site-header__account"), "Account", "signed in again");

      // A records a viewing.
      await a.goto(`${site}/watch`);
      await a.waitForSelector(".watch-page [data-island][data-hydrated]", { state: "attached" });
      await pickFilm(a, film, false);
      await a.click(".watch button[type=submit]");
      await startWatching(a);
      await setRate(a, 4);
      const id = await viewingId(a);
      const own = await a.request.get(`${site}/api/screenings/${id}`);
      assert.equal(own.status(), 200, "A reads their viewing");
      await a.goto(`${site}/`);
      assert.ok((await a.content()).includes(id), "A's library lists it");
      const slug = (await own.json()).film.slug as string;
      assert.deepEqual(errors, []);

      // B, on another device (context and authenticator).
      const contextB = await browser.newContext({ viewport: LAPTOP });
      try {
        const b = await withAuthenticator(contextB);
        await signUp(b, site, "Bo");
        for (const path of ["/", `/films/${slug}`, "/recommend", "/account", "/watch"]) {
          await b.goto(`${site}${path}`);
          const html = await b.content();
          assert.ok(!html.includes(id), `${path}: no trace of A's viewing id`);
          assert.ok(!html.includes("/screenings/"), `${path}: no viewing link`);
        }
        for (const path of [`/api/screenings/${id}`, `/api/screenings/${id}.csv`]) {
          assert.equal((await b.request.get(`${site}${path}`)).status(), 404, path);
        }
        assert.equal((await b.request.get(`${site}/screenings/${id}`)).status(), 404);
        const removed = await b.request.delete(`${site}/api/screenings/${id}`, {
          headers: { origin: site },
        });
        assert.equal(removed.status(), 404, "B cannot delete it");
        assert.equal((await a.request.get(`${site}/api/screenings/${id}`)).status(), 200);
      } finally {
        await contextB.close();
      }
    });
  },
  {
    fakeCamera: fixtures?.facesY4m,
    app: () => testApp(undefined, undefined, { accounts: { mode: "passkeys", admins: [] } }),
  },
);
