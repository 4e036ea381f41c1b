/** A face from very unhappy (1) to very happy (5), drawn in currentColor. Decorative: the label beside it speaks. */
export function FaceIcon({ rating }: { rating: number }) {
  const curve = (rating - 3) * 5; // mouth: frown below 3, smile above
  return (
    <svg viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" strokeWidth="3.5" />
      <circle cx="17" cy="19" r="3" fill="currentColor" />
      <circle cx="31" cy="19" r="3" fill="currentColor" />
      {rating === 3 ? (
        <path d="M15 32 H33" stroke="currentColor" strokeWidth="3.5" strokeLinecap="round" />
      ) : (
        <path
          d={`M14 ${32 - curve / 2} Q24 ${32 + curve} 34 ${32 - curve / 2}`}
          fill="none"
          stroke="currentColor"
          strokeWidth="3.5"
          strokeLinecap="round"
        />
      )}
    </svg>
  );
}
