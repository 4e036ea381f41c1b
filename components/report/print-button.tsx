'use client';

/** Prints the page as it is (the report's print style does the rest). Hidden from the printout itself. */
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button no-print" onClick={() => window.print()}>
      {label}
    </button>
  );
}
