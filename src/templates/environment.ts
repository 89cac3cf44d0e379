import nunjucks from "nunjucks";

/**
 * The one way Codicil makes a Nunjucks environment, shared by the Eleventy plugin (pages) and by
 * the renderer of cookie tables (HTML inside a document, made at load time before Eleventy runs),
 * so that both resolve templates from the site's templates/ first and Codicil's second, and both
 * have autoescape explicitly on: every value printed is escaped unless marked safe.
 */
export function createTemplateEnvironment(templateDirs: readonly string[]): nunjucks.Environment {
  return new nunjucks.Environment(new nunjucks.FileSystemLoader([...templateDirs]), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
}
