/**
 * Demo films for screenshots, benchmarks and tests: a film "script" (scenes that draw the same
 * expression from most viewers, and the subtitle line at each second) laid over the rating
 * engine's synthetic viewings, so that many viewers of one film react together, as a real
 * audience does. Pure and deterministic for a given seed.
 */
import { seededRandom } from "@/lib/random.ts";
import { type Expression, EXPRESSIONS, type RecordedSecond, secondState } from "@/lib/recording.ts";
import { syntheticViewing } from "./synthetic.ts";

/** A stretch of the film that draws one expression from most viewers. */
export interface Scene {
  start: number;
  end: number;
  expression: Expression;
  /** Share of the viewers with a face that show it (0–1). */
  strength: number;
}

export interface FilmScript {
  durationSec: number;
  scenes: Scene[];
  /** The subtitle line at each playback second (null when nobody speaks). */
  lineAt(t: number): string | null;
}

const WORDS = {
  openers: ["Listen", "Wait", "Look", "Honestly", "Come on", "Hey", "Well", "No", "Okay", "So"],
  subjects: [
    "the train",
    "your brother",
    "the money",
    "this town",
    "the letter",
    "that dog",
    "the captain",
    "my mother",
    "the last ferry",
    "the old house",
  ],
  verbs: [
    "is not coming back",
    "was never the point",
    "knows exactly what you did",
    "leaves at midnight",
    "saved my life",
    "will have to wait",
    "smells like trouble",
    "was your idea",
    "is still in the car",
    "changes everything",
  ],
  endings: ["", ", I promise.", ", trust me.", "!", "?", "... again.", ", for once.", ", right?"],
};

/** What scenes draw, by how often: happy twice as often as any other, never neutral. */
const SCENE_EXPRESSIONS: readonly Expression[] = [
  "happy",
  "happy",
  "surprise",
  "fear",
  "sad",
  "angry",
  "disgust",
];

/** A made-up line of dialogue, from a seed. */
function lineFrom(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const ending = pick(WORDS.endings);
  const sentence = `${pick(WORDS.subjects)} ${pick(WORDS.verbs)}`;
  const text = random() < 0.5 ? `${pick(WORDS.openers)}, ${sentence}` : sentence;
  const body = text[0].toUpperCase() + text.slice(1);
  return /[!?.]$/.test(ending) || ending.endsWith(".") ? body + ending : `${body}${ending || "."}`;
}

/** What a film's scenes draw and how strongly; by default any expression but neutral. */
export interface SceneStyle {
  /** The expressions scenes draw, each as likely as its number of entries. */
  expressions?: readonly Expression[];
  /** A scene's strength is drawn evenly from this range (default 0.35–0.85). */
  strength?: readonly [number, number];
}

/**
 * A film's script: scenes every few minutes (on average every `sceneGapSec`, default 5 min)
 * and a line on about two thirds of its seconds.
 */
export function filmScript(
  seed: number,
  durationSec: number,
  sceneGapSec = 300,
  style: SceneStyle = {},
): FilmScript {
  const random = seededRandom(seed);
  const expressions = style.expressions ?? SCENE_EXPRESSIONS;
  const [weakest, strongest] = style.strength ?? [0.35, 0.85];
  const scenes: Scene[] = [];
  for (let t = 60 + Math.floor(random() * 120); t < durationSec - 30;) {
    const length = 15 + Math.floor(random() * 60);
    scenes.push({
      start: t,
      end: Math.min(durationSec, t + length),
      expression: expressions[Math.floor(random() * expressions.length)],
      strength: weakest + random() * (strongest - weakest),
    });
    t += length + Math.floor(sceneGapSec * (0.3 + random() * 1.4));
  }
  // Lines change every 2–6 seconds; about a third of the stretches are silent.
  const lines: (string | null)[] = [];
  const lineRandom = seededRandom(seed ^ 0x5bd1e995);
  while (lines.length <= durationSec) {
    const line = lineRandom() < 0.65 ? lineFrom(lineRandom) : null;
    const span = 2 + Math.floor(lineRandom() * 5);
    for (let k = 0; k < span; k++) lines.push(line);
  }
  return { durationSec, scenes, lineAt: (t) => lines[t] ?? null };
}

/**
 * One viewer's viewing of a scripted film: `syntheticViewing`'s moods, look-aways and seeks,
 * with the film's scenes drawing their expression from this viewer with the scene's strength,
 * and the film's line at each second. Playback stays within the film.
 */
export function scriptedViewing(
  script: FilmScript,
  options: {
    seed: number;
    seconds?: number;
    /** Probability per second of starting to look away (see `syntheticViewing`). */
    lookAway?: number;
    seek?: number;
    /** Multiplies every scene's strength: how well the film works on this viewer. */
    pull?: number;
    /** The film's moods between scenes (see `syntheticViewing`). */
    moods?: readonly number[];
    /** How often the viewer shifts in the seat (see `syntheticViewing`). */
    restless?: number;
    /**
     * Whether a scene that grips this viewer holds their expression through the whole scene (a
     * sustained reaction), decided once per scene; by default it is drawn second by second.
     */
    hold?: boolean;
  },
): RecordedSecond[] {
  const random = seededRandom(options.seed * 7919 + 17);
  const gripRandom = seededRandom(options.seed * 7919 + 29);
  const grips = new Map<Scene, boolean>();
  const pull = options.pull ?? 1;
  const drawn = (scene: Scene) => {
    if (!options.hold) return random() < Math.min(0.95, scene.strength * pull);
    let grip = grips.get(scene);
    if (grip === undefined) {
      grips.set(scene, grip = gripRandom() < Math.min(0.95, scene.strength * pull));
    }
    return grip;
  };
  const base = syntheticViewing({
    seconds: options.seconds ?? script.durationSec,
    seed: options.seed,
    lookAway: options.lookAway,
    seek: options.seek,
    moods: options.moods,
    restless: options.restless,
  });
  const sceneAt = new Map<number, Scene>();
  for (const scene of script.scenes) {
    for (let t = scene.start; t < scene.end; t++) sceneAt.set(t, scene);
  }
  const out: RecordedSecond[] = [];
  for (const s of base) {
    if (s.t >= script.durationSec) continue;
    const second = { ...s, line: script.lineAt(s.t) };
    const scene = sceneAt.get(s.t);
    if (scene && secondState(second) === "watching" && drawn(scene)) {
      second.emotion = scene.expression;
      second.probs = EXPRESSIONS.map((e) => (e === scene.expression ? 0.7 : 0.05));
      if ((scene.expression === "happy" || scene.expression === "surprise") && random() < 0.2) {
        second.movement = Math.round((1 + random() * 1.2) * 1000) / 1000;
      }
    }
    out.push(second);
  }
  return out;
}
