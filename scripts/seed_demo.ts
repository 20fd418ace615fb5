/**
 * Fills a data directory with demo films and viewings, recorded through the store's real write
 * path (see lib/demo/seed.ts), for screenshots, trying the dashboards and benchmarks:
 *
 *   deno run -A scripts/seed_demo.ts [--data-dir DIR]        a small library (about 40 viewings)
 *   deno run -A scripts/seed_demo.ts --bench --data-dir DIR  1,000 viewings of a 2-hour film and
 *                                                             one 3-hour viewing
 *
 * Without `--data-dir` it uses the configured store (`DATA_DIR`, or MongoDB with `MONGODB_URI`).
 * Deterministic: the same command makes the same films, seconds and ratings (ids are random).
 */
import { filmScript, scriptedViewing } from "@/lib/demo/script.ts";
import { seedViewing } from "@/lib/demo/seed.ts";
import type { FilmInput } from "@/lib/film.ts";
import { openStore, SQLITE_FILE, storeConfigFromEnv } from "@/lib/store/open.ts";
import { openSqliteStore } from "@/lib/store/sqlite.ts";
import type { Store } from "@/lib/store/port.ts";
import { seededRandom } from "@/lib/random.ts";

/** The films of the bench profile: what `bench/dashboards.ts` requests. */
export const BENCH_FILM: FilmInput = { title: "The Long Night", year: 2024, durationSec: 7200 };
export const BENCH_LONG_FILM: FilmInput = {
  title: "Winter Crossing",
  year: 2018,
  durationSec: 10800,
};
export const BENCH_VIEWINGS = 1000;

/** Demo films: how many viewings, and how well each holds its viewers (look-aways, scenes). */
const DEMO_FILMS: {
  film: FilmInput;
  viewings: number;
  lookAway: number;
  pull: number;
  /** Mean seconds between scenes that draw an expression from the audience. */
  sceneGap: number;
}[] = [
  {
    film: { title: "The Lighthouse Keeper", year: 2019, durationSec: 6480 },
    viewings: 40,
    lookAway: 0.002,
    pull: 2.5,
    sceneGap: 60,
  },
  {
    film: { title: "Midnight Ferry", year: 2021, durationSec: 7500 },
    viewings: 9,
    lookAway: 0.004,
    pull: 1.2,
    sceneGap: 120,
  },
  {
    film: { title: "Paper Moons", year: 2016, durationSec: 5520 },
    viewings: 6,
    lookAway: 0.006,
    pull: 1,
    sceneGap: 240,
  },
  {
    film: { title: "The Long Goodbye Club", year: 2023, durationSec: 6900 },
    viewings: 4,
    lookAway: 0.025,
    pull: 0.6,
    sceneGap: 400,
  },
  {
    film: { title: "Small Hours", year: 2022, durationSec: 6060 },
    viewings: 2,
    lookAway: 0.05,
    pull: 0.4,
    sceneGap: 600,
  },
  { film: BENCH_LONG_FILM, viewings: 1, lookAway: 0.003, pull: 1.3, sceneGap: 150 },
];

const DAY = 24 * 60 * 60 * 1000;
/** Demo viewings happen in the weeks before this date. */
const DEMO_END = Date.UTC(2026, 10, 20, 21, 0);

function seedOf(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619);
  return hash >>> 0;
}

async function seedFilm(
  store: Store,
  film: FilmInput,
  viewings: number,
  options: {
    full?: boolean;
    lookAway?: number;
    pull?: number;
    sceneGap?: number;
    log?: (done: number) => void;
  },
): Promise<string[]> {
  const script = filmScript(seedOf(film.title), film.durationSec, options.sceneGap);
  const random = seededRandom(seedOf(film.title) ^ 0x9e3779b9);
  const ids: string[] = [];
  for (let v = 0; v < viewings; v++) {
    // Most viewers watch to the end; some stop early.
    const share = options.full || random() < 0.75 ? 1 : 0.3 + random() * 0.6;
    const seconds = scriptedViewing(script, {
      seed: seedOf(film.title) + v * 101,
      seconds: Math.round(film.durationSec * share),
      lookAway: options.lookAway,
      pull: options.pull,
    });
    const startedAt = new Date(DEMO_END - Math.floor(random() * 40 * DAY));
    ids.push((await seedViewing(store, film, seconds, { startedAt })).id);
    options.log?.(v + 1);
  }
  return ids;
}

async function main() {
  const args = Deno.args;
  const dirAt = args.indexOf("--data-dir");
  const dataDir = dirAt >= 0 ? args[dirAt + 1] : undefined;
  if (dirAt >= 0 && (!dataDir || dataDir.startsWith("--"))) {
    console.error("--data-dir needs a directory");
    Deno.exit(2);
  }
  const bench = args.includes("--bench");
  let store: Store;
  if (dataDir) {
    await Deno.mkdir(dataDir, { recursive: true });
    store = openSqliteStore({ path: `${dataDir}/${SQLITE_FILE}` });
  } else {
    store = await openStore(storeConfigFromEnv(Deno.env));
  }
  const started = performance.now();
  try {
    if (bench) {
      const [long] = await seedFilm(store, BENCH_LONG_FILM, 1, { full: true });
      const ids = await seedFilm(store, BENCH_FILM, BENCH_VIEWINGS, {
        full: true,
        log: (done) => {
          if (done % 100 === 0) console.error(`seeded ${done}/${BENCH_VIEWINGS} viewings`);
        },
      });
      console.log(JSON.stringify({ longViewing: long, filmViewing: ids[0] }));
    } else {
      for (const { film, viewings, lookAway, pull, sceneGap } of DEMO_FILMS) {
        await seedFilm(store, film, viewings, { lookAway, pull, sceneGap });
        console.error(`seeded ${viewings} viewing(s) of ${film.title}`);
      }
      // One viewing still being recorded (the server finishes it after 30 idle minutes).
      const film = DEMO_FILMS[0].film;
      const script = filmScript(seedOf(film.title), film.durationSec);
      await seedViewing(store, film, scriptedViewing(script, { seed: 4242, seconds: 600 }), {
        startedAt: new Date(),
        finish: false,
      });
    }
  } finally {
    await store.close();
  }
  console.error(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.main) await main();
