/**
 * Which films to suggest for an expression: one row per expression and recommendation type,
 * with the IMDb genres to look for, the genres to leave out, and why. Pure data.
 *
 * - `improve`: films that tend to lift the viewer out of the expression.
 * - `keepup`: films in tune with it, for when the viewer wants to stay in that mood.
 *
 * A film qualifies when it has at least one of `genres` and none of `avoid`.
 */
import type { Expression } from "@/lib/recording.ts";
import type { ImdbGenre } from "@/lib/catalog/imdb.ts";

export const RECOMMENDATION_TYPES = ["improve", "keepup"] as const;

export type RecommendationType = typeof RECOMMENDATION_TYPES[number];

export interface MoodGenres {
  genres: ImdbGenre[];
  avoid: ImdbGenre[];
  reason: string;
}

// Dark genres that work against lifting a mood.
const HEAVY: ImdbGenre[] = ["Horror", "Thriller", "War", "Crime"];

/** The expression → genres map, per recommendation type. */
export const MOOD_GENRES: Record<RecommendationType, Record<Expression, MoodGenres>> = {
  improve: {
    angry: {
      genres: ["Comedy", "Family", "Music"],
      avoid: [...HEAVY, "Action"],
      reason: "Light, low-conflict stories help the tension wind down instead of feeding it.",
    },
    disgust: {
      genres: ["Animation", "Family", "Musical"],
      avoid: [...HEAVY],
      reason: "Gentle, warm-hearted films are a palate cleanser after something unpleasant.",
    },
    fear: {
      genres: ["Comedy", "Family", "Romance"],
      avoid: [...HEAVY, "Mystery"],
      reason: "Safe, reassuring stories with happy endings calm a startled mind.",
    },
    happy: {
      genres: ["Comedy", "Adventure", "Musical"],
      avoid: ["Horror", "War"],
      reason: "Upbeat adventures and comedies build on a good mood.",
    },
    sad: {
      genres: ["Comedy", "Family", "Animation"],
      avoid: [...HEAVY],
      reason: "Laughter and warmth are the classic way to lift a low mood.",
    },
    surprise: {
      genres: ["Adventure", "Fantasy", "Animation"],
      avoid: ["Horror", "War"],
      reason: "Turns the jolt of surprise into wonder: imaginative worlds, no nasty shocks.",
    },
    neutral: {
      genres: ["Comedy", "Adventure", "Romance"],
      avoid: ["Horror", "War"],
      reason: "Something lively and engaging to lift a flat mood.",
    },
  },
  keepup: {
    angry: {
      genres: ["Action", "Crime", "Thriller"],
      avoid: [],
      reason: "High-energy stories of conflict and justice channel the intensity.",
    },
    disgust: {
      genres: ["Horror", "Crime"],
      avoid: ["Family", "Animation"],
      reason: "Visceral films for a viewer who wants to stay on edge.",
    },
    fear: {
      genres: ["Horror", "Thriller", "Mystery"],
      avoid: ["Family", "Animation"],
      reason: "Suspense and scares for a viewer who enjoys the thrill.",
    },
    happy: {
      genres: ["Comedy", "Romance", "Musical"],
      avoid: ["Horror", "War"],
      reason: "Feel-good comedies, romances and musicals keep the good mood going.",
    },
    sad: {
      genres: ["Drama", "Romance"],
      avoid: ["Comedy", "Animation", "Family", "Musical"],
      reason: "Moving dramas meet a reflective mood rather than fight it.",
    },
    surprise: {
      genres: ["Mystery", "Thriller", "Sci-Fi"],
      avoid: ["Family"],
      reason: "Twists and mind-benders keep the surprises coming.",
    },
    neutral: {
      genres: ["Documentary", "Biography", "History"],
      avoid: ["Horror"],
      reason: "Calm, absorbing true stories suit a steady, attentive mood.",
    },
  },
};

/** Whether a value is one of the recommendation types. */
export function isRecommendationType(value: unknown): value is RecommendationType {
  return typeof value === "string" && (RECOMMENDATION_TYPES as readonly string[]).includes(value);
}

/** The genres row for an expression and type. */
export function moodGenres(expression: Expression, type: RecommendationType): MoodGenres {
  return MOOD_GENRES[type][expression];
}
