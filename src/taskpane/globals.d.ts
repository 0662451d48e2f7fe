/** True only in a development build made with `--env testMode` (webpack DefinePlugin). */
declare const __TEST_MODE__: boolean;

/** A Markdown file imported as its text (webpack's asset/source): the README's loading steps. */
declare module '*.md' {
  const text: string;
  export default text;
}
