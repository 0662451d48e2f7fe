import fc from 'fast-check';

/**
 * Property tests explore new inputs on every local run; under CI they run one fixed sample, so that
 * a change is judged on its code, not on the draw. FC_SEED picks another sample anywhere.
 */
const seed = process.env.FC_SEED ?? (process.env.CI ? '20261206' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
