/** Reusable Beam transforms: parse, windowing, statistics, tokenizing; event time is in {@code time}. */
package dev.beamkit.transforms;
