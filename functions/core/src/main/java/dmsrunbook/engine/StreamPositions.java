package dmsrunbook.engine;

/**
 * Exact positions in the source's change stream, for engines that can see them (PostgreSQL LSNs, as byte offsets):
 * the source's current position and the position the target has durably applied.
 */
public record StreamPositions(long sourcePosition, long appliedPosition) {
}
