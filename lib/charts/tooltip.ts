/**
 * The HTML of the charts' tooltips. ApexCharts puts a custom tooltip into the page as HTML, and
 * what it shows is the viewers' own text (film titles, subtitle lines from their files), so
 * every piece of text is escaped here. Pure; styled by `.chart-tip*` in static/css/charts.css.
 */

/** Escapes text for HTML, in element content and in quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One row of a tooltip: a label, a value, and optionally the swatch of a series' colour. */
export interface TooltipRow {
  label: string;
  value: string;
  /** A `tint--*` class (static/css/charts.css) for a colour swatch before the label. */
  tint?: string;
}

/** A tooltip's HTML: a heading, rows of label and value, and an optional quoted line. */
export function tooltipHtml(
  heading: string,
  rows: readonly TooltipRow[],
  line?: string | null,
): string {
  const swatch = (tint?: string) =>
    tint ? `<i class="swatch tint--${escapeHtml(tint)}" aria-hidden="true"></i>` : "";
  return `<div class="chart-tip"><div class="chart-tip__heading">${escapeHtml(heading)}</div>` +
    rows.map((row) =>
      `<div class="chart-tip__row"><span>${swatch(row.tint)}${escapeHtml(row.label)}</span>` +
      `<b>${escapeHtml(row.value)}</b></div>`
    ).join("") +
    (line ? `<q class="chart-tip__line">${escapeHtml(line)}</q>` : "") +
    `</div>`;
}
