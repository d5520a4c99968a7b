// Seeded randomness (the kernel's seededRandom), so that hold-outs, samples and the learned models
// are the same on every run for the same input and seed.
export type Random = () => number;

/** Fisher-Yates shuffle in place. */
export function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}
