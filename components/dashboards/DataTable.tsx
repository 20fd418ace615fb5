/**
 * The numbers behind a chart, as a table folded under a summary: what the page shows without
 * JavaScript, and what a screen reader reads instead of the chart.
 */
import type { ComponentChildren } from "preact";

export function DataTable(
  { summary, caption, children }: {
    summary: string;
    /** What each row is, for screen readers. */
    caption: string;
    /** The table's `thead` and `tbody`. */
    children: ComponentChildren;
  },
) {
  return (
    <details class="data-table">
      <summary>{summary}</summary>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">{caption}</caption>
          {children}
        </table>
      </div>
    </details>
  );
}
