/** Reusable Beam transforms: parse, event time, windowing, statistics, tokenizing. */
package dev.beamkit.transforms;
