package dmsrunbook.deploy;

import java.util.List;
import java.util.Map;

/** What a local deployment of template.yaml made: each resource's physical id, and what was not emulated. */
public record Deployment(Map<String, String> physicalIds, List<String> notEmulated) {

    public String physicalId(String logicalId) {
        String id = physicalIds.get(logicalId);
        if (id == null) {
            throw new IllegalArgumentException("template.yaml has no deployed resource " + logicalId);
        }
        return id;
    }
}
