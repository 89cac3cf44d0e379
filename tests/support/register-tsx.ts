// Eleventy imports .eleventy.ts with Node's own import(); tsx lets Node load TypeScript there.
import { register } from "tsx/esm/api";

register();
