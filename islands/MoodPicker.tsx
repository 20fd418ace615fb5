/**
 * The `/recommend` form: pick a mood from the seven expressions, or let the camera read the
 * viewer's expression for five seconds (`useMoodCapture`, in this browser); then lift the mood or stay in it, with optional language and actor filters.
 *
 * Without JavaScript this is a plain GET form and the server renders the results; the action's
 * `#results` brings them into view, and with JavaScript their heading also takes the focus, so
 * that a screen reader reads them out rather than nothing. The camera
 * needs JavaScript; it starts only after consent, shows that it is on, and stops after five
 * seconds. No picture is recorded or sent: only the chosen label goes into the form.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { MoodCamera } from "@/components/recommend/MoodCamera.tsx";
import { useMoodCapture } from "@/components/recommend/use_mood_capture.ts";
import { EXPRESSION_CHOICES } from "@/lib/recommend/capture.ts";
import type { RecommendationType } from "@/lib/recommend/moods.ts";
import type { Expression } from "@/lib/recording.ts";

export interface MoodPickerProps {
  emotion: Expression | null;
  type: RecommendationType;
  language: string;
  actor: string;
  languages: { code: string; name: string }[];
}

const ORDER: Expression[] = ["happy", "sad", "angry", "fear", "surprise", "disgust", "neutral"];

const TYPES: { value: RecommendationType; title: string; hint: string }[] = [
  { value: "improve", title: "Lift my mood", hint: "Films that tend to turn it around" },
  { value: "keepup", title: "Stay in this mood", hint: "Films in tune with it" },
];

export default function MoodPicker(props: MoodPickerProps) {
  const [hydrated, setHydrated] = useState(false);
  const [emotion, setEmotion] = useState<Expression | null>(props.emotion);
  const [type, setType] = useState<RecommendationType>(props.type);
  const [language, setLanguage] = useState(props.language);
  const [actor, setActor] = useState(props.actor);
  const submit = useRef<HTMLButtonElement>(null);
  const capture = useMoodCapture((label) => {
    setEmotion(label);
    setTimeout(() => submit.current?.focus(), 0);
  });

  useEffect(() => {
    setHydrated(true);
    const results = location.hash === "#results" && document.getElementById("results-title");
    if (results) {
      results.focus({ preventScroll: true });
      // Showing the camera button may have pushed the results down since the browser scrolled.
      const { top, bottom } = results.getBoundingClientRect();
      if (top < 0 || bottom > innerHeight) {
        document.getElementById("results")?.scrollIntoView({ block: "start" });
      }
    }
  }, []);

  return (
    <form method="get" action="/recommend#results" class="mood-form card">
      <fieldset class="mood-choices">
        <legend>How do you feel?</legend>
        <div class="mood-choices__list">
          {ORDER.map((e) => (
            <label key={e} class={`mood-choice tint--${e}`}>
              <input
                type="radio"
                name="emotion"
                value={e}
                required
                checked={emotion === e}
                onChange={() => setEmotion(e)}
              />
              <span class="mood-choice__dot" aria-hidden="true"></span>
              <span class="mood-choice__label">{EXPRESSION_CHOICES[e].label}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <MoodCamera capture={capture} hidden={!hydrated} />

      <fieldset class="mood-types">
        <legend>What would you like?</legend>
        {TYPES.map((t) => (
          <label key={t.value} class="mood-type">
            <input
              type="radio"
              name="type"
              value={t.value}
              checked={type === t.value}
              onChange={() => setType(t.value)}
            />
            <span>
              <strong>{t.title}</strong>
              <span class="small muted">{t.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <div class="mood-filters">
        <div class="field">
          <label for="mood-language">Language</label>
          <select
            id="mood-language"
            name="language"
            value={language}
            onChange={(e) => setLanguage((e.target as HTMLSelectElement).value)}
          >
            <option value="">Any language</option>
            {props.languages.map((l) => <option key={l.code} value={l.code}>{l.name}</option>)}
          </select>
          <span class="field__hint">Films IMDb lists under a title in this language</span>
        </div>
        <div class="field">
          <label for="mood-actor">With actor</label>
          <input
            id="mood-actor"
            type="search"
            name="actor"
            autocomplete="off"
            placeholder="e.g. Zoë Marchetti"
            maxLength={200}
            value={actor}
            onInput={(e) => setActor((e.target as HTMLInputElement).value)}
          />
          <span class="field__hint">Full name, any case or accents</span>
        </div>
      </div>

      <p class="actions">
        <button type="submit" class="button" ref={submit}>
          {emotion ? `Find films for ${EXPRESSION_CHOICES[emotion].phrase} mood` : "Find films"}
        </button>
      </p>
    </form>
  );
}
