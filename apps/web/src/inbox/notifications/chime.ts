"use client";

// A short two-note chime made with the Web Audio API: no sound file to ship or fetch. Browsers let a
// page play sound only after the person has interacted with it, so the opt-in click unlocks it.

let context: AudioContext | null = null;

/** Call from a click: afterwards the chime may play. */
export function unlockChime() {
  context ??= new AudioContext();
  void context.resume();
}

export function playChime() {
  if (!context || context.state !== "running") return;
  const start = context.currentTime;
  for (const [index, frequency] of [880, 1320].entries()) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + index * 0.12);
    gain.gain.exponentialRampToValueAtTime(0.15, start + index * 0.12 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + index * 0.12 + 0.25);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + index * 0.12);
    oscillator.stop(start + index * 0.12 + 0.3);
  }
}
