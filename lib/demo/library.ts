/**
 * The demo library: films that move people differently (a comedy, a horror film, a drama, a
 * dull one), each viewing a different viewer's luck with it, and the verdicts a demo viewer
 * gives, so that a newcomer sees ratings spread, a learned personal model and its honest error.
 * Pure and deterministic: `scripts/seed_demo.ts` records these viewings through the store.
 */
import type { FilmInput } from "@/lib/film.ts";
import { gaussianFrom, seededRandom } from "@/lib/random.ts";
import type { RecordedSecond } from "@/lib/recording.ts";
import type { ViewingSummary } from "@/lib/rating/types.ts";
import { roundVerdict } from "@/lib/rating/verdict.ts";
import { type FilmScript, filmScript, type SceneStyle, scriptedViewing } from "./script.ts";

export type Genre = "comedy" | "horror" | "drama" | "dull" | "mixed";

/**
 * How a genre's scenes work on its viewers. Each viewing draws one engagement between 0 and 1:
 * an engaged viewer gets the top of `pull` and the bottom of `lookAway` and `restless`; a viewer
 * the film leaves cold the reverse (they fidget and look at their phone).
 */
interface GenreProfile {
  scenes: SceneStyle;
  /** Mean seconds between scenes that draw an expression. */
  sceneGapSec: number;
  /** Weights of the moods between scenes: calm, funny, scary, sad, tense. */
  moods?: readonly number[];
  /** How well the film works on a viewer: multiplies every scene's strength. */
  pull: readonly [number, number];
  /** Probability per second of starting to look away. */
  lookAway: readonly [number, number];
  /** Probability per second of shifting in the seat. */
  restless: readonly [number, number];
}

const GENRES: Readonly<Record<Genre, GenreProfile>> = {
  // Frequent gags; laughter moves heads (spikes). Some viewers do not find it funny.
  comedy: {
    scenes: { expressions: ["happy", "happy", "happy", "surprise"], strength: [0.6, 0.95] },
    sceneGapSec: 30,
    moods: [1, 8, 0, 0, 1],
    pull: [0.2, 2],
    lookAway: [0.001, 0.015],
    restless: [0.04, 0.25],
  },
  // Dread, jumps and the odd grimace.
  horror: {
    scenes: { expressions: ["fear", "fear", "fear", "surprise", "surprise", "disgust"] },
    sceneGapSec: 40,
    moods: [1, 0, 6, 0, 3],
    pull: [0.2, 2],
    lookAway: [0.001, 0.02],
    restless: [0.04, 0.25],
  },
  // Long quiet stretches, a few scenes that move people to sadness (or a smile).
  drama: {
    scenes: { expressions: ["sad", "sad", "sad", "happy"], strength: [0.4, 0.8] },
    sceneGapSec: 200,
    moods: [3, 1, 0, 5, 1],
    pull: [0.3, 1.6],
    lookAway: [0.002, 0.025],
    restless: [0.05, 0.3],
  },
  // Little happens: viewers fidget and drift off.
  dull: {
    scenes: { expressions: ["happy", "sad", "surprise"], strength: [0.2, 0.4] },
    sceneGapSec: 900,
    moods: [8, 1, 0, 1, 1],
    pull: [0.2, 0.8],
    lookAway: [0.015, 0.06],
    restless: [0.3, 0.6],
  },
  // A bit of everything (the 3-hour film).
  mixed: {
    scenes: {},
    sceneGapSec: 150,
    pull: [1, 1.6],
    lookAway: [0.002, 0.004],
    restless: [0.08, 0.08],
  },
};

export interface DemoFilm {
  film: FilmInput;
  genre: Genre;
  /** Finished viewings to record. */
  viewings: number;
}

/** The demo films, most watched first. */
export const DEMO_FILMS: readonly DemoFilm[] = [
  {
    film: { title: "The Lighthouse Keeper", year: 2019, durationSec: 6480 },
    genre: "horror",
    viewings: 24,
  },
  { film: { title: "Paper Moons", year: 2016, durationSec: 5520 }, genre: "comedy", viewings: 14 },
  {
    film: { title: "Midnight Ferry", year: 2021, durationSec: 7500 },
    genre: "drama",
    viewings: 10,
  },
  {
    film: { title: "The Long Goodbye Club", year: 2023, durationSec: 6900 },
    genre: "dull",
    viewings: 8,
  },
  { film: { title: "Small Hours", year: 2022, durationSec: 6060 }, genre: "dull", viewings: 3 },
  {
    film: { title: "Winter Crossing", year: 2018, durationSec: 10800 },
    genre: "mixed",
    viewings: 1,
  },
];

/** One demo viewing to record. */
export interface DemoViewing {
  film: FilmInput;
  /** Seeds the viewing's seconds and its verdict. */
  seed: number;
  seconds: RecordedSecond[];
  startedAt: Date;
}

const DAY = 24 * 60 * 60 * 1000;

/** Demo viewings happen in the 40 days before this date. */
export const DEMO_END = Date.UTC(2026, 10, 20, 21, 0);

/** A stable 32-bit seed from a text (FNV-1a). */
export function seedOf(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619);
  return hash >>> 0;
}

/** A demo film's script: its genre's scenes, at its genre's pace. */
export function demoScript(demo: DemoFilm): FilmScript {
  const profile = GENRES[demo.genre];
  return filmScript(
    seedOf(demo.film.title),
    demo.film.durationSec,
    profile.sceneGapSec,
    profile.scenes,
  );
}

/**
 * The viewings of one demo film, each by a viewer on whom the film works differently (their
 * engagement sets pull, look-aways and restlessness); three in four watch to the end.
 */
export function demoViewings(demo: DemoFilm): DemoViewing[] {
  const { film } = demo;
  const profile = GENRES[demo.genre];
  const base = seedOf(film.title);
  const script = demoScript(demo);
  const random = seededRandom(base ^ 0x9e3779b9);
  const at = ([low, high]: readonly [number, number], u: number) => low + u * (high - low);
  return Array.from({ length: demo.viewings }, (_, v) => {
    const share = random() < 0.75 ? 1 : 0.3 + random() * 0.6;
    const engagement = random();
    const seed = base + v * 101;
    const seconds = scriptedViewing(script, {
      seed,
      seconds: Math.round(film.durationSec * share),
      pull: at(profile.pull, engagement),
      lookAway: at(profile.lookAway, 1 - engagement),
      restless: at(profile.restless, 1 - engagement),
      moods: profile.moods,
      hold: true,
    });
    const startedAt = new Date(DEMO_END - Math.floor(random() * 40 * DAY));
    return { film, seed, seconds, startedAt };
  });
}

/** Every demo film's viewings, in `DEMO_FILMS` order. */
export function demoLibrary(): DemoViewing[] {
  return DEMO_FILMS.flatMap(demoViewings);
}

/** Share of demo viewings left without a verdict: the question can be skipped. */
const SKIPPED = 0.2;

/**
 * The verdict the demo viewer gives a viewing (0–10 in half points), or null when they
 * skipped the question. The demo viewer likes what moves them and is fond of being scared:
 *
 *   5.5 + 0.15 × (rating − 65) + 0.05 × (end score − rating) + 4 × share of fear + noise,
 *
 * with noise of standard deviation 0.7: the model can learn most of it, never all.
 */
export function demoVerdict(summary: ViewingSummary, seed: number): number | null {
  const random = seededRandom(seed ^ 0x2545f491);
  if (random() < SKIPPED) return null;
  const fear = summary.predominant.shares.find((s) => s.label === "fear")?.share ?? 0;
  return roundVerdict(
    5.5 + 0.15 * (summary.rating - 65) + 0.05 * (summary.endScore - summary.rating) + 4 * fear +
      0.7 * gaussianFrom(random),
  );
}
