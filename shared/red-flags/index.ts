// Red flags over OCDS compiled releases: a TypeScript reimplementation of Open Contracting
// Partnership's Cardinal (cardinal-rs 0.0.8) `indicators` command, plus R044.
export { type EngineOptions, FlagsEngine } from './engine.ts';
export { normaliseText, similarityKeys } from './indicators/r044.ts';
export { fusedMultiplyAdd, lowerFence, quantile, quartiles, upperFence } from './quantile.ts';
export { formatFloat, type Group, jsonChunks, Results, roundMeta, toJsonText } from './results.ts';
export { type RunOptions, type RunSummary, runFlags } from './run.ts';
export {
  defaultSettings,
  INDICATOR_CODES,
  type IndicatorCode,
  parseSettings,
  pipeSet,
  type Settings,
  SettingsError,
} from './settings.ts';
