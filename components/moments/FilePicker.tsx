/** "Open the film file": a file input styled as a button; the file is played, never uploaded. */
export function FilePicker(
  { onPick, busy, label = "Open the film file", small }: {
    onPick(file: File | undefined): void;
    busy?: boolean;
    label?: string;
    small?: boolean;
  },
) {
  return (
    <label class={`button moments-file${small ? " button--ghost button--small" : ""}`}>
      <input
        type="file"
        accept="video/*,.mkv,.mp4,.webm,.mov,.m4v"
        class="visually-hidden"
        disabled={busy}
        onChange={(event) => {
          const input = event.currentTarget as HTMLInputElement;
          onPick(input.files?.[0]);
          input.value = "";
        }}
      />
      {label}
    </label>
  );
}
