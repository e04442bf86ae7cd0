/**
 * Figures and the HTML report (Node only): a typed figure description, rendering to SVG and PNG
 * without a browser (Vega-Lite + Vega's headless renderer, resvg), and the figures of each layer.
 */
export * from './figure.js';
export * from './vega-lite.js';
export * from './render.js';
export * from './save.js';
export * from './fonts.js';
export * from './bins.js';
export * from './contours.js';
export * from './ellipse.js';
export * from './figures/thermodynamics.js';
export * from './figures/monte-carlo.js';
export * from './figures/bayes.js';
export * from './figures/mixture.js';
export * from './figures/variational.js';
export * from './figures/coin.js';
export * from './tasks.js';
export * from './monte-carlo.js';
export * from './html.js';
export * from './run-report.js';
export * from './sections/index.js';
