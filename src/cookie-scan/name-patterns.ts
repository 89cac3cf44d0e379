/**
 * Cookie names in the registry may end in or contain `*` for a variable part: Google Analytics
 * sets `_ga_<container id>`, declared once as `_ga_*`. `*` stands for one or more characters;
 * everything else matches exactly, case-sensitively, as browsers compare cookie names.
 */
export function isNamePattern(declared: string): boolean {
  return declared.includes("*");
}

const compiled = new Map<string, RegExp>();

export function nameMatches(declared: string, seen: string): boolean {
  if (!isNamePattern(declared)) return declared === seen;
  let pattern = compiled.get(declared);
  if (!pattern) {
    const body = declared
      .split("*")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".+");
    pattern = new RegExp(`^${body}$`);
    compiled.set(declared, pattern);
  }
  return pattern.test(seen);
}
