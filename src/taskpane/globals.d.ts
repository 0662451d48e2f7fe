/** True only in a development build made with `--env testMode` (webpack DefinePlugin). */
declare const __TEST_MODE__: boolean;
