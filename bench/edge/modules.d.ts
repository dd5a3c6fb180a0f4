// The benchmark's card, written by bench/edge.ts before the Workers are built (not committed).
declare module '*/card.tmp.json' {
  const card: import('../card.ts').BenchCard;
  export default card;
}
