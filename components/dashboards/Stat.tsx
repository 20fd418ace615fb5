/** One headline number of a dashboard, with its label and an optional hint, as a card. */
export function Stat({ value, label, hint }: { value: string; label: string; hint?: string }) {
  return (
    <div class="stat card">
      <span class="stat__value">{value}</span>
      <span class="stat__label">{label}</span>
      {hint && <span class="stat__hint">{hint}</span>}
    </div>
  );
}
