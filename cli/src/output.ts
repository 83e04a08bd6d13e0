// Human lines on stdout (or one JSON object per line with --json); notes and warnings on stderr.

export type Out = { json: boolean; line(human: string, json: Record<string, unknown>): void; note(text: string): void };

export function makeOut(json: boolean): Out {
  return {
    json,
    line(human, obj) {
      process.stdout.write(`${json ? JSON.stringify(obj) : human}\n`);
    },
    note(text) {
      process.stderr.write(`${text}\n`);
    },
  };
}

export const clock = (d: Date) => d.toISOString().slice(11, 23);
export const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
