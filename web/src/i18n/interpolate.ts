/** Fills `{name}` placeholders in a message; a placeholder without a value is left visible. */
export type MessageVars = Record<string, string | number>;

export function interpolate(message: string, vars: MessageVars = {}): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/** The placeholder names in a message, sorted: all languages must use the same ones. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}
