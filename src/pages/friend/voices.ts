/** The names the page gives its voices: the wire keeps the design's `leo` for the answering field. */
const VOICES: Record<string, string> = {
  user: 'you',
  leo: 'field',
  friend: 'imaginary friend',
};

export function voiceName(speaker: string): string {
  return VOICES[speaker] ?? speaker;
}
