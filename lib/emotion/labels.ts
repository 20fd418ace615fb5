/**
 * The classifiers' label orders and their mapping onto ours (EXPRESSIONS in
 * lib/recording.ts), pure.
 */
import { type Expression, EXPRESSIONS } from "@/lib/recording.ts";

/** face-api's `face_expression_model` output order. */
export const FACE_API_ORDER: readonly Expression[] = [
  "neutral", // neutral
  "happy", // happy
  "sad", // sad
  "angry", // angry
  "fear", // fearful
  "disgust", // disgusted
  "surprise", // surprised
];

/** human-models' `emotion` output order, which is already ours. */
export const FER_ORDER: readonly Expression[] = EXPRESSIONS;

/** Reorders probabilities given in `order` into EXPRESSIONS order. */
export function toExpressionOrder(
  probs: ArrayLike<number>,
  order: readonly Expression[],
): number[] {
  if (probs.length !== order.length || order.length !== EXPRESSIONS.length) {
    throw new Error(`expected ${EXPRESSIONS.length} probabilities, got ${probs.length}`);
  }
  const out = new Array<number>(EXPRESSIONS.length).fill(0);
  order.forEach((label, i) => {
    out[EXPRESSIONS.indexOf(label)] = probs[i];
  });
  return out;
}

/** Scales probabilities to sum to exactly 1 (float32 outputs drift a little). */
export function normalise(probs: ArrayLike<number>): number[] {
  const values = Array.from(probs, (v) => (Number.isFinite(v) && v > 0 ? v : 0));
  const sum = values.reduce((a, b) => a + b, 0);
  return sum > 0 ? values.map((v) => v / sum) : values.map(() => 1 / values.length);
}

/** The most probable expression of probabilities in EXPRESSIONS order. */
export function topExpression(probs: ArrayLike<number>): Expression {
  let best = 0;
  for (let i = 1; i < EXPRESSIONS.length; i++) if (probs[i] > probs[best]) best = i;
  return EXPRESSIONS[best];
}
