import type { z } from "zod";
import { error, type Problem } from "../core/problems.ts";
import { closestWord } from "../rules/edit-distance.ts";
import type { PositionedYaml } from "./yaml.ts";

/**
 * Runs a zod schema over YAML data and turns every issue into a problem at the line of the value
 * it concerns. zod is here because it reports all issues of an object at once, with paths, which
 * is what an editor needs; the paths are mapped back to lines through the YAML positions.
 */
export function validateYaml<T>(
  schema: z.ZodType<T>,
  yaml: PositionedYaml,
  file: string,
): { value: T | undefined; problems: Problem[] } {
  const result = schema.safeParse(yaml.data);
  if (result.success) return { value: result.data, problems: [] };
  const problems = result.error.issues.map((issue) =>
    error(file, yaml.lineOf(issue.path), issue.path.length > 0 ? `${formatPath(issue.path)}: ${issue.message}` : issue.message),
  );
  return { value: undefined, problems };
}

/**
 * Keys a schema does not know are errors: a misspelt optional key (`efective:`) would otherwise be
 * dropped and its default used in its place, such as a version taking effect on the wrong day.
 */
export function unknownKeyErrors(
  data: unknown,
  known: readonly string[],
  yaml: PositionedYaml,
  file: string,
  path: readonly PropertyKey[] = [],
): Problem[] {
  if (!data || typeof data !== "object" || Array.isArray(data)) return [];
  return Object.keys(data)
    .filter((key) => !known.includes(key))
    .map((key) => error(file, yaml.keyLineOf([...path, key]), unknownKeyMessage(key, known, path)));
}

/** `unknown key "efective": did you mean "effective"?`, or the keys there are when none is close. */
export function unknownKeyMessage(key: string, known: readonly string[], path: readonly PropertyKey[] = []): string {
  const where = path.length > 0 ? `${formatPath(path)}: ` : "";
  const meant = closestWord(key, known);
  return meant !== undefined
    ? `${where}unknown key "${key}": did you mean "${meant}"?`
    : `${where}unknown key "${key}"; the keys understood here are ${known.join(", ")} (remove it or fix its name).`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i > 0 ? "." : ""}${String(part)}`)).join("");
}
