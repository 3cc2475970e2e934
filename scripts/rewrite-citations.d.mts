/** The text with every old-form citation rewritten to the project's own page. */
export function rewriteCitations(text: string): string;
/** The folders whose files may hold citations. */
export const CITING_FOLDERS: readonly string[];
/** Every citing file under `root`, as paths relative to it. */
export function citingFiles(root: string): string[];
