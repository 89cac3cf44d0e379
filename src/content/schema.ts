import type { z } from "zod";
import { error, warning, type Problem } from "../core/problems.ts";
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

/** Keys a schema does not know are warnings: likely a typo, never a reason to stop a build. */
export function unknownKeyWarnings(
  data: unknown,
  known: readonly string[],
  yaml: PositionedYaml,
  file: string,
  path: readonly PropertyKey[] = [],
): Problem[] {
  if (!data || typeof data !== "object" || Array.isArray(data)) return [];
  return Object.keys(data)
    .filter((key) => !known.includes(key))
    .map((key) =>
      warning(
        file,
        yaml.keyLineOf([...path, key]),
        `unknown key "${formatPath([...path, key])}" is ignored; the keys understood here are ${known.join(", ")}.`,
      ),
    );
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i > 0 ? "." : ""}${String(part)}`)).join("");
}
