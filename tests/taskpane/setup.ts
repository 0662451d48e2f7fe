import { configure } from '@testing-library/react';

/** What Fluent UI expects from a browser and jsdom does not provide. */

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

if (!('ResizeObserver' in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => {};

// Role queries over the whole pane are slow on a busy machine: give findBy… and waitFor time to see it.
configure({ asyncUtilTimeout: 5000 });


// Fluent's accordion passes `inert` as a boolean, which React 18 reports (React 19 accepts it).
// It is harmless and not ours; every other console error still shows.
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  const text = args.map(String).join(' ');
  if (text.includes('for a non-boolean attribute') && text.includes('inert')) return;
  consoleError(...args);
};
