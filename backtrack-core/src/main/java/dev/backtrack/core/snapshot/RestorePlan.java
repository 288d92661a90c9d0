package dev.backtrack.core.snapshot;

/**
 * What restoring a snapshot would do.
 *
 * @param snapshot the snapshot
 * @param plans one plan per topic it kept
 */
public record RestorePlan(Snapshot snapshot, TopicPlans plans) {
}
