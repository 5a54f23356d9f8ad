package dmsrunbook.schema.assessment;

import java.util.Set;

/**
 * Whether the judged target offers an extension. When the target that was reached is the one judged, its own
 * {@code pg_available_extensions} (and {@code rds.allowed_extensions}) decide; when the spec declares another platform
 * or version (or the target was not asked), RDS and Aurora are judged by the runbook's {@link SupportedExtensions}
 * list, and a self-managed server cannot be judged at all.
 */
public final class ExtensionOffers {

    private final TargetPlatform platform;
    private final SupportedExtensions list;
    private final Set<String> available;
    private final Set<String> allowed;

    /**
     * @param available the reached target's {@code pg_available_extensions}, or null when it is not the judged target
     * @param allowed   its {@code rds.allowed_extensions}, or null when every available extension is allowed
     */
    public ExtensionOffers(TargetPlatform platform, SupportedExtensions list, Set<String> available, Set<String> allowed) {
        this.platform = platform;
        this.list = list;
        this.available = available;
        this.allowed = allowed;
    }

    public ExtensionOffer offer(String extension) {
        if (available != null) {
            if (!available.contains(extension)) {
                return ExtensionOffer.notOffered("not in the target's pg_available_extensions");
            }
            if (allowed != null && !allowed.contains(extension)) {
                return ExtensionOffer.notAllowed("the target's rds.allowed_extensions leaves it out");
            }
            return ExtensionOffer.offered("in the target's pg_available_extensions");
        }
        if (platform.kind().isManagedByAws()) {
            return list.offer(platform.kind(), platform.majorVersion(), extension);
        }
        return ExtensionOffer.unknown("the declared " + platform.kind().words() + " target was not asked");
    }

    /** For a fix: the versions of the judged platform the runbook's list says offer {@code extension} (may be empty). */
    public Set<Integer> versionsOffering(String extension) {
        return platform.kind().isManagedByAws() ? list.versionsOffering(platform.kind(), extension) : Set.of();
    }
}
