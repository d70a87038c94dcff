/**
 * Event time: reading it from a record ({@link dev.beamkit.transforms.time.EventTimeParser} per
 * {@link dev.beamkit.transforms.time.TimeFormat}, {@link
 * dev.beamkit.transforms.time.EventTimeExtractor} straight from JSON bytes for a source's
 * watermark) and stamping typed elements with it ({@link dev.beamkit.transforms.time.EventTime}).
 * {@link dev.beamkit.transforms.ParseJson#withEventTime} uses the same parser while parsing.
 */
package dev.beamkit.transforms.time;
