// The table of observed-traffic formats (SPEC §7), in the order their content signatures are tried.
import type { ObservedFormat } from "../types.js";
import { jaegerTraceJson } from "./jaeger.js";
import { kialiGraph } from "./kiali.js";
import { dependencyLinks } from "./links.js";
import { otlpJson, otlpJsonLines } from "./otlp.js";
import { prometheusApiJson, prometheusText } from "./prometheus.js";
import { zipkinV2Spans } from "./zipkin.js";

/**
 * Links before traces: `{"data": []}` and `[]` fit both and give no edges either way. JSON lines before
 * OTLP JSON: a one-line file reads the same as both.
 */
export const OBSERVED_FORMATS: readonly ObservedFormat[] = [
  dependencyLinks,
  jaegerTraceJson,
  zipkinV2Spans,
  otlpJsonLines,
  otlpJson,
  prometheusText,
  prometheusApiJson,
  kialiGraph,
];
