/**
 * Server CPU per dashboard request, measured in this process (`process.cpuUsage`, user plus
 * system) on the app itself: the store is SQLite in-process, so a request's work is this
 * process's CPU. Warm: the median of batches after warming; cold: the first request of a
 * fresh store connection (nothing computed yet), and the first after a finish (which renders
 * the finishing viewer's next pages).
 */
import process from "node:process";
import type { Hono } from "hono";
import { createApp, loadAssets } from "@/main.ts";
import { openMemoryCatalog } from "@/lib/catalog/open.ts";
import { sampleSeconds } from "@/lib/demo/sample.ts";
import { seedViewing } from "@/lib/demo/seed.ts";
import { type FilmInput, filmSlug } from "@/lib/film.ts";
import type { Store } from "@/lib/store/port.ts";
import { quantile, round } from "./_harness.ts";

/** CPU milliseconds of one request (the whole body read). */
export async function requestCpu(app: Hono, path: string, init?: RequestInit): Promise<number> {
  const before = process.cpuUsage();
  const response = await app.request(path, init);
  await response.arrayBuffer();
  const used = process.cpuUsage(before);
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (used.user + used.system) / 1000;
}

/** The median CPU ms of `batches` batches of `size` requests each, after 10 to warm up. */
export async function warmCpu(app: Hono, path: string, batches = 15, size = 10) {
  for (let i = 0; i < 10; i++) await requestCpu(app, path);
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const before = process.cpuUsage();
    for (let i = 0; i < size; i++) {
      const response = await app.request(path);
      await response.arrayBuffer();
    }
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / 1000 / size);
  }
  return round(quantile(samples, 0.5), 2);
}

/** The app on `store`, as `main.ts` builds it (no catalog). */
export async function appOn(store: Store): Promise<Hono> {
  return createApp({ assets: await loadAssets(), store, catalog: openMemoryCatalog() });
}

/**
 * The first request of `path` after each of `rounds` finishes of a two-minute viewing of
 * `film` through the API (each deleted again): its median CPU ms.
 */
export async function afterFinishCpu(
  app: Hono,
  film: FilmInput,
  paths: (id: string) => string[],
  rounds = 5,
): Promise<number[]> {
  const json = { "content-type": "application/json" };
  const samples: number[][] = [];
  for (let round = 0; round < rounds; round++) {
    const created = await (await app.request("/api/screenings", {
      method: "POST",
      headers: json,
      body: JSON.stringify(film),
    })).json();
    const auth = { authorization: `Bearer ${created.token}` };
    for (let seq = 0; seq < 2; seq++) {
      const put = await app.request(`/api/screenings/${created.id}/minutes/${seq}`, {
        method: "PUT",
        headers: { ...json, ...auth },
        body: JSON.stringify({ seconds: sampleSeconds(round * 10 + seq, seq * 60, 60) }),
      });
      await put.arrayBuffer();
    }
    const finish = await app.request(`/api/screenings/${created.id}/finish`, {
      method: "POST",
      headers: auth,
    });
    await finish.arrayBuffer();
    const row: number[] = [];
    for (const path of paths(created.id)) row.push(await requestCpu(app, path));
    samples.push(row);
    const gone = await app.request(`/api/screenings/${created.id}`, {
      method: "DELETE",
      headers: auth,
    });
    await gone.arrayBuffer();
  }
  return samples[0].map((_, k) => round(quantile(samples.map((row) => row[k]), 0.5), 2));
}

/**
 * The median CPU ms of `path` requested right after each of `rounds` writes that change
 * nothing it shows (the film of `libraryOf` noted again): what the page costs to make anew
 * once the store has changed, its render kept.
 */
export async function afterWriteCpu(app: Hono, store: Store, path: string, rounds = 15) {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    await store.upsertFilm(
      filmSlug(LIBRARY_FILM.title, LIBRARY_FILM.year),
      LIBRARY_FILM,
      new Date(),
    );
    samples.push(await requestCpu(app, path));
  }
  return round(quantile(samples, 0.5), 2);
}

/** The library's film `k` (`libraryOf`). */
const libraryFilm = (k: number) => ({
  title: `Library film ${k}`,
  year: 1950 + (k % 70),
  durationSec: 5400,
});

/** A film of the library that `libraryOf` makes, watched again after a finish. */
export const LIBRARY_FILM = libraryFilm(0);

/** A store of `films` films with one one-minute viewing each, for the library's CPU. */
export async function libraryOf(store: Store, films: number): Promise<void> {
  const start = Date.UTC(2026, 0, 1);
  for (let k = 0; k < films; k++) {
    const film = libraryFilm(k);
    await seedViewing(store, film, sampleSeconds(k, 0, 60), {
      startedAt: new Date(start + k * 60_000),
    });
  }
}
