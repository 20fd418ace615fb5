/** The highlights files, made on this device from the moments on show and downloaded. */
import { downloadText } from "@/lib/browser/download.ts";
import {
  HIGHLIGHTS_FILES,
  highlightsFile,
  highlightsFileName,
  type HighlightsInput,
} from "@/lib/moments/mod.ts";

export function HighlightsExport({ input }: { input: HighlightsInput }) {
  const none = input.segments.length === 0;
  return (
    <div class="moments-export">
      <h3>Export the highlights</h3>
      <p class="muted small">
        Made on this device from the moments above. The chapters mark them on the film's own
        timeline; the script cuts <code>{highlightsFileName(input.fileName)}</code>{" "}
        from your copy with ffmpeg, re-encoding so that each cut is exact.
      </p>
      <p class="actions">
        {HIGHLIGHTS_FILES.map(({ kind, label }) => (
          <button
            type="button"
            class="button button--ghost button--small"
            data-export={kind}
            disabled={none}
            onClick={() => {
              const file = highlightsFile(kind, input);
              downloadText(file.fileName, file.text, file.type);
            }}
          >
            {label}
          </button>
        ))}
      </p>
    </div>
  );
}
